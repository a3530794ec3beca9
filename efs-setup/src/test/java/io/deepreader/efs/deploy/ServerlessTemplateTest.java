package io.deepreader.efs.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Packages serverless.yml offline with osls and checks the CloudFormation a deployment would submit. */
class ServerlessTemplateTest {
    private static final Pattern ACCOUNT_ID = Pattern.compile("(?<![0-9])[0-9]{12}(?![0-9])");

    @TempDir
    static Path work;
    static JsonNode test;
    static JsonNode prod;
    /** The test stage with the OCR function deployed as the container image (`make image`, pushed to ECR). */
    static JsonNode testImage;
    static final String IMAGE_URI = "123456789012.dkr.ecr.us-east-1.amazonaws.com/deepreader-ocr@sha256:" + "0f".repeat(32);

    @BeforeAll
    static void packageStages() throws Exception {
        test = OfflinePackage.template("test", work);
        prod = OfflinePackage.template("prod", work);
        testImage = OfflinePackage.template("test", "-image", work, List.of("ocrPackaging=image", "ocrImageUri=" + IMAGE_URI));
    }

    private static JsonNode resource(JsonNode template, String logicalId) {
        JsonNode node = template.path("Resources").path(logicalId);
        assertThat(node.isMissingNode()).as("resource %s", logicalId).isFalse();
        return node;
    }

    private static JsonNode importOf(String export) {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("Fn::ImportValue", export);
    }

    @Test
    void ocrFunctionMountsTheEfsAccessPointInsideTheVpc() {
        JsonNode ocr = resource(test, "OcrLambdaFunction").path("Properties");

        assertThat(ocr.path("Handler").asText()).isEqualTo("io.deepreader.function.OcrHandler::handleRequest");
        assertThat(ocr.path("Runtime").asText()).isEqualTo("java21");
        assertThat(ocr.path("Architectures").get(0).asText()).isEqualTo("x86_64");
        JsonNode fileSystem = ocr.path("FileSystemConfigs").get(0);
        assertThat(fileSystem.path("LocalMountPath").asText()).isEqualTo("/mnt/efs");
        assertThat(fileSystem.path("Arn")).isEqualTo(importOf("deepreader-efs-test-AccessPointArn"));
        assertThat(ocr.path("VpcConfig").path("SecurityGroupIds").get(0))
                .isEqualTo(importOf("deepreader-efs-test-LambdaSecurityGroupId"));
        assertThat(ocr.path("VpcConfig").path("SubnetIds").path("Fn::Split").get(1))
                .isEqualTo(importOf("deepreader-efs-test-SubnetIds"));
        assertThat(ocr.path("Layers").get(0).path("Ref").asText()).isEqualTo("TesseractLambdaLayer");
        assertThat(ocr.path("Role").path("Fn::GetAtt").get(0).asText()).isEqualTo("OcrFunctionRole");

        JsonNode extractor = resource(test, "ExtractorLambdaFunction").path("Properties");
        assertThat(extractor.path("Handler").asText()).isEqualTo("io.deepreader.extract.ExtractorHandler::handleRequest");
        assertThat(extractor.path("FileSystemConfigs").get(0).path("LocalMountPath").asText()).isEqualTo("/mnt/efs");
        assertThat(extractor.path("Role").path("Fn::GetAtt").get(0).asText()).isEqualTo("ExtractorFunctionRole");
    }

    @Test
    void environmentPointsTheFunctionAtEfsTheLayerAndTheFrameworks() {
        JsonNode env = resource(test, "OcrLambdaFunction").path("Properties").path("Environment").path("Variables");

        assertThat(env.path("EFS_ROOT").asText()).isEqualTo("/mnt/efs");
        assertThat(env.path("TESSDATA_PREFIX").asText()).isEqualTo("/opt/tessdata");
        assertThat(env.path("OMP_THREAD_LIMIT").asText()).isEqualTo("1");
        assertThat(env.path("TF_FRAMEWORK_DIR").asText()).startsWith("/mnt/efs/frameworks/");
        assertThat(env.path("TF_CPP_MIN_LOG_LEVEL").asText()).isEqualTo("1");
        assertThat(env.path("UPLOADS_BUCKET").asText()).isEqualTo("deepreader-test-uploads");
        assertThat(env.path("DETECTOR").asText()).isEqualTo("ctpn");
        // Opt-in per stage: OSD costs ~0.4-1.2 s a page.
        assertThat(env.path("DETECT_ORIENTATION").asText()).isEqualTo("false");
        // Born-digital PDF pages are read from their text layer unless a stage says otherwise.
        assertThat(env.path("PDF_TEXT").asText()).isEqualTo("auto");
        // The kept pages of a deferred or killed attempt are swept after this many hours (FunctionConfig).
        assertThat(env.path("PARTIAL_RETENTION_HOURS").asText()).isEqualTo("24");
    }

    @Test
    void thePdfTextParamReachesTheFunction() throws Exception {
        JsonNode never = OfflinePackage.template("test", "-pdftext-never", work, List.of("pdfText=never"));
        JsonNode env = resource(never, "OcrLambdaFunction").path("Properties").path("Environment").path("Variables");
        assertThat(env.path("PDF_TEXT").asText()).isEqualTo("never");
        assertThat(resource(prod, "OcrLambdaFunction").path("Properties").path("Environment").path("Variables")
                .path("PDF_TEXT").asText()).isEqualTo("auto");
    }

    @Test
    void zipIsTheDefaultPackaging() {
        JsonNode ocr = resource(test, "OcrLambdaFunction").path("Properties");

        assertThat(ocr.path("PackageType").isMissingNode() || ocr.path("PackageType").asText().equals("Zip")).isTrue();
        assertThat(ocr.path("Code").path("S3Key").asText()).endsWith("ocr-function-1.0.0-SNAPSHOT-lambda.jar");
        assertThat(ocr.path("Code").path("ImageUri").isMissingNode()).isTrue();
    }

    @Test
    void imagePackagingDeploysTheImageByDigestWithItsOwnNativesAndTheSameEfsMount() {
        JsonNode ocr = resource(testImage, "OcrLambdaFunction").path("Properties");

        assertThat(ocr.path("PackageType").asText()).isEqualTo("Image");
        assertThat(ocr.path("Code").path("ImageUri").asText()).isEqualTo(IMAGE_URI);
        // The image's ENTRYPOINT (runtime interface client) and CMD (handler) run it: no runtime, handler or layer.
        assertThat(List.of("Handler", "Runtime", "Layers")).allSatisfy(key ->
                assertThat(ocr.path(key).isMissingNode()).as(key).isTrue());
        assertThat(ocr.path("Architectures").get(0).asText()).isEqualTo("x86_64");
        assertThat(ocr.path("MemorySize").asInt()).isEqualTo(3008);
        assertThat(ocr.path("ReservedConcurrentExecutions").asInt()).isEqualTo(2);
        assertThat(ocr.path("FileSystemConfigs").get(0).path("LocalMountPath").asText()).isEqualTo("/mnt/efs");
        assertThat(ocr.path("FileSystemConfigs").get(0).path("Arn")).isEqualTo(importOf("deepreader-efs-test-AccessPointArn"));
        assertThat(ocr.path("Role").path("Fn::GetAtt").get(0).asText()).isEqualTo("OcrFunctionRole");

        JsonNode env = ocr.path("Environment").path("Variables");
        // Natives and tessdata from the image (function-image/build-image.sh); the model still from EFS.
        assertThat(env.path("TF_FRAMEWORK_DIR").asText()).isEqualTo("/opt/tensorflow-1.1.0");
        assertThat(env.path("TESSDATA_PREFIX").asText()).isEqualTo("/usr/share/tesseract-ocr/5/tessdata");
        assertThat(env.path("EFS_ROOT").asText()).isEqualTo("/mnt/efs");
        assertThat(env.path("OMP_THREAD_LIMIT").asText()).isEqualTo("1");
        assertThat(env.path("DETECTOR").asText()).isEqualTo("ctpn");
        assertThat(env.path("EXTRACTOR_FUNCTION").asText()).isEqualTo("deepreader-test-extractor");

        // Same trigger (the uploads queue's event source mapping) and the same least-privilege role as the zip deployment.
        List<JsonNode> mappings = resourcesOfType(testImage, "AWS::Lambda::EventSourceMapping");
        assertThat(mappings).hasSize(1);
        assertThat(mappings.get(0).path("Properties")).isEqualTo(resourcesOfType(test, "AWS::Lambda::EventSourceMapping")
                .get(0).path("Properties"));
        assertThat(mappings.get(0).at("/Properties/FunctionName").toString()).contains("OcrLambdaFunction");
        assertThat(env.path("LAMBDA_VPC_ENDPOINT")).isEqualTo(importOf("deepreader-efs-test-LambdaEndpointId"));
        assertThat(resource(testImage, "OcrFunctionRole")).isEqualTo(resource(test, "OcrFunctionRole"));
    }

    @Test
    void stageParametersSetMemoryTimeoutConcurrencyAndRetention() {
        JsonNode testOcr = resource(test, "OcrLambdaFunction").path("Properties");
        JsonNode prodOcr = resource(prod, "OcrLambdaFunction").path("Properties");

        assertThat(testOcr.path("MemorySize").asInt()).isEqualTo(3008);
        assertThat(testOcr.path("Timeout").asInt()).isEqualTo(300);
        assertThat(testOcr.path("ReservedConcurrentExecutions").asInt()).isEqualTo(2);
        assertThat(prodOcr.path("MemorySize").asInt()).isEqualTo(4096);
        assertThat(prodOcr.path("Timeout").asInt()).isEqualTo(600);
        assertThat(prodOcr.path("ReservedConcurrentExecutions").asInt()).isEqualTo(50);
        assertThat(resource(test, "OcrLogGroup").path("Properties").path("RetentionInDays").asInt()).isEqualTo(3);
        assertThat(resource(prod, "OcrLogGroup").path("Properties").path("RetentionInDays").asInt()).isEqualTo(90);
    }

    @Test
    void provisionedConcurrencyOnlyWhereTheStageAsksForIt() {
        assertThat(resourcesOfType(test, "AWS::Lambda::Alias")).isEmpty();

        List<JsonNode> aliases = resourcesOfType(prod, "AWS::Lambda::Alias");
        assertThat(aliases).hasSize(1);
        assertThat(aliases.get(0).path("Properties").path("ProvisionedConcurrencyConfig")
                .path("ProvisionedConcurrentExecutions").asInt()).isEqualTo(2);
    }

    @Test
    void tesseractLayerTargetsTheFunctionsRuntime() {
        JsonNode layer = resource(test, "TesseractLambdaLayer").path("Properties");

        assertThat(layer.path("LayerName").asText()).isEqualTo("deepreader-test-tesseract");
        assertThat(layer.path("CompatibleRuntimes").get(0).asText()).isEqualTo("java21");
        assertThat(layer.path("CompatibleArchitectures").get(0).asText()).isEqualTo("x86_64");
        // The image carries its own libtesseract: no layer version is published with it.
        assertThat(resourcesOfType(testImage, "AWS::Lambda::LayerVersion")).isEmpty();
        assertThat(resourcesOfType(test, "AWS::Lambda::LayerVersion")).hasSize(1);
    }

    @Test
    void uploadsBucketIsPrivateEncryptedAndAnnouncesItsPrefixOnTheQueue() {
        JsonNode bucket = resource(test, "S3BucketUploads").path("Properties");

        assertThat(bucket.path("BucketName").asText()).isEqualTo("deepreader-test-uploads");
        JsonNode block = bucket.path("PublicAccessBlockConfiguration");
        assertThat(List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"))
                .allSatisfy(flag -> assertThat(block.path(flag).asBoolean()).as(flag).isTrue());
        assertThat(bucket.at("/BucketEncryption/ServerSideEncryptionConfiguration/0/ServerSideEncryptionByDefault/SSEAlgorithm")
                .asText()).isEqualTo("AES256");
        // No direct (asynchronous) invoke any more: S3 writes to the queue, the mapping feeds the function.
        assertThat(bucket.path("NotificationConfiguration").path("LambdaConfigurations").isMissingNode()).isTrue();
        JsonNode notification = bucket.path("NotificationConfiguration").path("QueueConfigurations").get(0);
        assertThat(notification.path("Event").asText()).isEqualTo("s3:ObjectCreated:*");
        assertThat(notification.at("/Queue/Fn::GetAtt/0").asText()).isEqualTo("UploadsQueue");
        assertThat(notification.at("/Filter/S3Key/Rules/0/Value").asText()).isEqualTo("uploads/");
        assertThat(resource(test, "S3BucketUploads").path("DependsOn").toString()).contains("UploadsQueuePolicy");

        JsonNode policy = resource(test, "UploadsQueuePolicy").at("/Properties/PolicyDocument/Statement/0");
        assertThat(policy.at("/Principal/Service").asText()).isEqualTo("s3.amazonaws.com");
        assertThat(texts(policy.path("Action"))).containsExactly("sqs:SendMessage");
        assertThat(policy.at("/Condition/ArnEquals/aws:SourceArn/Fn::Sub").asText())
                .isEqualTo("arn:${AWS::Partition}:s3:::deepreader-test-uploads");
    }

    @Test
    void uploadsQueueFeedsOcrWithPartialBatchResponsesAndRedrivesToADeadLetterQueue() {
        for (JsonNode template : List.of(test, prod)) {
            JsonNode queue = resource(template, "UploadsQueue").path("Properties");
            int timeout = resource(template, "OcrLambdaFunction").path("Properties").path("Timeout").asInt();
            // AWS's rule for SQS event sources: visibility timeout >= 6x the function timeout.
            assertThat(queue.path("VisibilityTimeout").asInt()).as("visibility vs timeout %d", timeout)
                    .isGreaterThanOrEqualTo(6 * timeout);
            assertThat(queue.at("/RedrivePolicy/deadLetterTargetArn/Fn::GetAtt/0").asText()).isEqualTo("UploadsDeadLetterQueue");
            assertThat(queue.at("/RedrivePolicy/maxReceiveCount").asInt()).isEqualTo(5);
            assertThat(resource(template, "UploadsDeadLetterQueue").at("/Properties/MessageRetentionPeriod").asInt())
                    .isEqualTo(1209600);

            List<JsonNode> mappings = resourcesOfType(template, "AWS::Lambda::EventSourceMapping");
            assertThat(mappings).hasSize(1);
            JsonNode mapping = mappings.get(0).path("Properties");
            assertThat(mapping.at("/EventSourceArn/Fn::GetAtt/0").asText()).isEqualTo("UploadsQueue");
            assertThat(mapping.path("FunctionName").toString()).as(mapping.toString()).contains("OcrLambdaFunction");
            assertThat(texts(mapping.path("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures");
            assertThat(mapping.path("BatchSize").asInt()).isEqualTo(10);
            assertThat(mapping.path("MaximumBatchingWindowInSeconds").asInt()).isEqualTo(5);
        }
        JsonNode consume = bySid(statements(test, "OcrFunctionRole"), "ConsumeUploadsQueue");
        assertThat(texts(consume.path("Action"))).contains("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes");
        assertThat(consume.at("/Resource/0/Fn::GetAtt/0").asText()).isEqualTo("UploadsQueue");
    }

    @Test
    void extractorHandOffLeavesTheVpcThroughTheLambdaEndpointAndFailedEventsEndInADlq() {
        // The route: the OCR function imports the EFS stack's Lambda interface endpoint (efs.yml), so it cannot be
        // deployed into a VPC where the Invoke would time out.
        JsonNode env = resource(test, "OcrLambdaFunction").at("/Properties/Environment/Variables");
        assertThat(env.path("LAMBDA_VPC_ENDPOINT")).isEqualTo(importOf("deepreader-efs-test-LambdaEndpointId"));
        assertThat(env.path("EXTRACTOR_FUNCTION").asText()).isEqualTo("deepreader-test-extractor");

        List<JsonNode> configs = resourcesOfType(test, "AWS::Lambda::EventInvokeConfig");
        assertThat(configs).hasSize(1);
        JsonNode config = configs.get(0).path("Properties");
        assertThat(config.path("FunctionName").toString()).contains("ExtractorLambdaFunction");
        assertThat(config.path("MaximumRetryAttempts").asInt()).isEqualTo(2);
        assertThat(config.at("/DestinationConfig/OnFailure/Destination/Fn::GetAtt/0").asText()).isEqualTo("ExtractorDeadLetterQueue");
        JsonNode send = bySid(statements(test, "ExtractorFunctionRole"), "FailedEventsToDeadLetterQueue");
        assertThat(texts(send.path("Action"))).containsExactly("sqs:SendMessage");
        assertThat(send.at("/Resource/0/Fn::GetAtt/0").asText()).isEqualTo("ExtractorDeadLetterQueue");
    }

    @Test
    void ocrRoleReadsOnlyTheUploadsPrefixAndMountsOnlyTheAccessPoint() {
        List<JsonNode> statements = statements(test, "OcrFunctionRole");

        JsonNode s3 = bySid(statements, "ReadUploads");
        assertThat(texts(s3.path("Action"))).containsExactly("s3:GetObject");
        assertThat(s3.path("Resource").get(0).path("Fn::Sub").asText())
                .isEqualTo("arn:${AWS::Partition}:s3:::deepreader-test-uploads/uploads/*");
        JsonNode invoke = bySid(statements, "InvokeExtractor");
        assertThat(texts(invoke.path("Action"))).containsExactly("lambda:InvokeFunction");
        assertThat(invoke.path("Resource").get(0).path("Fn::Sub").asText())
                .isEqualTo("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:deepreader-test-extractor");
        assertEfsScopedToAccessPoint(bySid(statements, "MountEfsAccessPoint"));
        assertOnlyEniActionsUseAWildcard(statements);
        assertThat(statements).allSatisfy(statement ->
                assertThat(texts(statement.path("Action"))).noneMatch(action -> action.endsWith(":*") || action.equals("*")));
    }

    @Test
    void extractorRoleHasNoS3AccessAndMountsOnlyTheAccessPoint() {
        List<JsonNode> statements = statements(test, "ExtractorFunctionRole");

        assertThat(statements).noneSatisfy(statement ->
                assertThat(texts(statement.path("Action"))).anyMatch(action -> action.startsWith("s3:")));
        assertEfsScopedToAccessPoint(bySid(statements, "MountEfsAccessPoint"));
        assertOnlyEniActionsUseAWildcard(statements);
    }

    @Test
    void seedFunctionReadsOnlyTheSeedPrefixAndMountsOnlyTheAccessPoint() {
        JsonNode seed = resource(test, "SeedLambdaFunction").path("Properties");
        assertThat(seed.path("Handler").asText()).isEqualTo("io.deepreader.efs.seed.SeedHandler::handleRequest");
        assertThat(seed.path("Timeout").asInt()).isEqualTo(900);
        assertThat(seed.path("ReservedConcurrentExecutions").asInt()).isEqualTo(1);
        assertThat(seed.path("FileSystemConfigs").get(0).path("LocalMountPath").asText()).isEqualTo("/mnt/efs");

        List<JsonNode> statements = statements(test, "SeedFunctionRole");
        JsonNode s3 = bySid(statements, "ReadSeedBundles");
        assertThat(texts(s3.path("Action"))).containsExactly("s3:GetObject");
        assertThat(s3.path("Resource").get(0).path("Fn::Sub").asText())
                .isEqualTo("arn:${AWS::Partition}:s3:::deepreader-test-uploads/seed/*");
        assertEfsScopedToAccessPoint(bySid(statements, "MountEfsAccessPoint"));
        assertOnlyEniActionsUseAWildcard(statements);
    }

    @Test
    void everyImportedValueIsExportedByTheEfsStack() throws Exception {
        JsonNode efs = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(OfflinePackage.REPO.resolve("efs-setup/efs.yml").toFile());
        java.util.Set<String> exports = new java.util.TreeSet<>();
        efs.path("Outputs").forEach(output -> exports.add(output.at("/Export/Name/Fn::Sub").asText()
                .replace("${AWS::StackName}", "deepreader-efs-test")));
        java.util.Set<String> imports = new java.util.TreeSet<>();
        collectImports(test, imports);

        assertThat(imports).isNotEmpty().isSubsetOf(exports);
    }

    private static void collectImports(JsonNode node, java.util.Set<String> imports) {
        if (node.has("Fn::ImportValue")) {
            imports.add(node.get("Fn::ImportValue").asText());
        }
        node.forEach(child -> collectImports(child, imports));
    }

    @Test
    void noAccountIdsOrSecretsInTheServiceFileOrTemplate() throws Exception {
        String yaml = Files.readString(OfflinePackage.REPO.resolve("serverless.yml"));
        assertThat(ACCOUNT_ID.matcher(yaml).find()).as("12-digit account id in serverless.yml").isFalse();
        assertThat(yaml).doesNotContainPattern("AKIA[0-9A-Z]{16}").doesNotContainIgnoringCase("secret_access");
        assertThat(ACCOUNT_ID.matcher(test.toString()).find()).as("account id in the template").isFalse();
    }

    private static void assertEfsScopedToAccessPoint(JsonNode efs) {
        assertThat(texts(efs.path("Action")))
                .containsExactlyInAnyOrder("elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite");
        assertThat(efs.path("Resource").get(0)).isEqualTo(importOf("deepreader-efs-test-FileSystemArn"));
        assertThat(efs.at("/Condition/StringEquals/elasticfilesystem:AccessPointArn"))
                .isEqualTo(importOf("deepreader-efs-test-AccessPointArn"));
    }

    private static void assertOnlyEniActionsUseAWildcard(List<JsonNode> statements) {
        for (JsonNode statement : statements) {
            if (statement.path("Resource").isTextual() && statement.path("Resource").asText().equals("*")) {
                assertThat(texts(statement.path("Action"))).allMatch(action -> action.startsWith("ec2:")
                        && (action.contains("NetworkInterface") || action.contains("PrivateIpAddresses")));
            }
        }
    }

    private static List<JsonNode> statements(JsonNode template, String role) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode policy : resource(template, role).path("Properties").path("Policies")) {
            policy.path("PolicyDocument").path("Statement").forEach(all::add);
        }
        assertThat(resource(template, role).path("Properties").path("ManagedPolicyArns").isMissingNode()).isTrue();
        return all;
    }

    private static JsonNode bySid(List<JsonNode> statements, String sid) {
        return statements.stream().filter(s -> s.path("Sid").asText().equals(sid)).findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid));
    }

    private static List<String> texts(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else {
            node.forEach(value -> values.add(value.asText()));
        }
        return values;
    }

    private static List<JsonNode> resourcesOfType(JsonNode template, String type) {
        List<JsonNode> found = new ArrayList<>();
        template.path("Resources").forEach(resource -> {
            if (resource.path("Type").asText().equals(type)) {
                found.add(resource);
            }
        });
        return found;
    }
}
