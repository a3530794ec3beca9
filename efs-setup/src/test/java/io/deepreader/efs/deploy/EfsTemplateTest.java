package io.deepreader.efs.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The EFS CloudFormation template (efs-setup/efs.yml): encryption, throughput, access point, network. */
class EfsTemplateTest {
    static JsonNode template;

    @BeforeAll
    static void read() throws Exception {
        template = new ObjectMapper(new YAMLFactory()).readTree(OfflinePackage.REPO.resolve("efs-setup/efs.yml").toFile());
    }

    private static JsonNode properties(String logicalId) {
        JsonNode resource = template.path("Resources").path(logicalId);
        assertThat(resource.isMissingNode()).as(logicalId).isFalse();
        return resource.path("Properties");
    }

    @Test
    void fileSystemIsEncryptedWithElasticThroughput() {
        JsonNode fs = properties("FileSystem");
        assertThat(fs.path("Encrypted").asBoolean()).isTrue();
        assertThat(fs.path("ThroughputMode").asText()).isEqualTo("elastic");
        assertThat(fs.path("PerformanceMode").asText()).isEqualTo("generalPurpose");
    }

    @Test
    void accessPointPinsThePosixUserAndARootDirectoryItCreates() {
        JsonNode ap = properties("AccessPoint");
        assertThat(ap.at("/PosixUser/Uid/Ref").asText()).isEqualTo("PosixUid");
        assertThat(ap.at("/PosixUser/Gid/Ref").asText()).isEqualTo("PosixGid");
        assertThat(ap.at("/RootDirectory/Path").asText()).isEqualTo("/deepreader");
        assertThat(ap.at("/RootDirectory/CreationInfo/Permissions").asText()).isEqualTo("750");
        assertThat(ap.at("/RootDirectory/CreationInfo/OwnerUid/Ref").asText()).isEqualTo("PosixUid");
        assertThat(template.at("/Parameters/PosixUid/Default").asInt()).isEqualTo(1001);
    }

    @Test
    void mountTargetsOnlyAcceptNfsFromTheFunctions() {
        List<String> mountTargets = new ArrayList<>();
        template.path("Resources").fields().forEachRemaining(entry -> {
            if (entry.getValue().path("Type").asText().equals("AWS::EFS::MountTarget")) {
                mountTargets.add(entry.getKey());
                assertThat(entry.getValue().at("/Properties/SecurityGroups/0/Fn::GetAtt/0").asText())
                        .isEqualTo("EfsSecurityGroup");
            }
        });
        assertThat(mountTargets).containsExactlyInAnyOrder("MountTargetA", "MountTargetB", "MountTargetC");
        assertThat(template.at("/Resources/MountTargetC/Condition").asText()).isEqualTo("HasSubnetC");

        JsonNode ingress = properties("EfsSecurityGroup").path("SecurityGroupIngress");
        assertThat(ingress).hasSize(1);
        assertThat(ingress.get(0).path("FromPort").asInt()).isEqualTo(2049);
        assertThat(ingress.get(0).path("ToPort").asInt()).isEqualTo(2049);
        assertThat(ingress.get(0).at("/SourceSecurityGroupId/Fn::GetAtt/0").asText()).isEqualTo("LambdaSecurityGroup");
        assertThat(ingress.get(0).has("CidrIp")).isFalse();
    }

    @Test
    void s3IsReachedThroughAGatewayEndpointWhenRouteTablesAreGiven() {
        JsonNode endpoint = template.at("/Resources/S3GatewayEndpoint");
        assertThat(endpoint.path("Condition").asText()).isEqualTo("CreateS3Endpoint");
        assertThat(endpoint.at("/Properties/VpcEndpointType").asText()).isEqualTo("Gateway");
        assertThat(endpoint.at("/Properties/ServiceName/Fn::Sub").asText()).isEqualTo("com.amazonaws.${AWS::Region}.s3");
    }

    @Test
    void lambdaIsReachedThroughAnInterfaceEndpointOnlyTheFunctionsMayUse() {
        JsonNode endpoint = properties("LambdaInterfaceEndpoint");
        assertThat(endpoint.path("VpcEndpointType").asText()).isEqualTo("Interface");
        assertThat(endpoint.at("/ServiceName/Fn::Sub").asText()).isEqualTo("com.amazonaws.${AWS::Region}.lambda");
        assertThat(endpoint.path("PrivateDnsEnabled").asBoolean()).isTrue();
        assertThat(endpoint.at("/SecurityGroupIds/0/Fn::GetAtt/0").asText()).isEqualTo("LambdaEndpointSecurityGroup");
        JsonNode ingress = properties("LambdaEndpointSecurityGroup").path("SecurityGroupIngress");
        assertThat(ingress).hasSize(1);
        assertThat(ingress.get(0).path("FromPort").asInt()).isEqualTo(443);
        assertThat(ingress.get(0).at("/SourceSecurityGroupId/Fn::GetAtt/0").asText()).isEqualTo("LambdaSecurityGroup");
        assertThat(template.at("/Outputs/LambdaEndpointId/Export/Name/Fn::Sub").asText())
                .isEqualTo("${AWS::StackName}-LambdaEndpointId");
    }
}
