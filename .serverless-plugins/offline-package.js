'use strict';

// Makes `osls package` work with no AWS credentials and no network (CI, developer machines).
//
// `package` asks AWS one question: CloudFormation DescribeStacks, to reuse a layer already uploaded
// with the same hash (lib/plugins/aws/package/compile/layers.js, compareWithLastLayer). Offline, this
// plugin answers it the way AWS answers for a stack that was never deployed, so the template is the one
// a first deployment would use. Any other AWS call during `package` fails loudly instead of hanging.
// `deploy` and every other command are untouched.
//
// Set DEEPREADER_PACKAGE_ONLINE=1 to let `package` talk to AWS (reuses the deployed layer's S3 key).

class OfflinePackagePlugin {
  constructor(serverless) {
    this.serverless = serverless;
    const commands = (serverless.processedInput && serverless.processedInput.commands) || [];
    const packaging = commands.length === 1 && commands[0] === 'package';
    if (!packaging || process.env.DEEPREADER_PACKAGE_ONLINE === '1') {
      return;
    }
    const provider = serverless.getProvider('aws');
    provider.request = async (service, method, params) => {
      if (service === 'CloudFormation' && method === 'describeStacks') {
        const stack = params && params.StackName;
        throw new Error(`Stack with id ${stack} does not exist (offline package: no AWS calls)`);
      }
      throw new Error(
        `offline package: refusing AWS call ${service}.${method}; ` +
          'set DEEPREADER_PACKAGE_ONLINE=1 to package against a deployed stack'
      );
    };
  }
}

module.exports = OfflinePackagePlugin;
