#!/bin/sh
# The image's ENTRYPOINT: starts the runtime interface client the way Lambda's managed java runtimes start
# it (flags of their bootstrap, as lambda-invoke-server's JvmLauncher): a heap of 85% of the function memory
# (AWS_LAMBDA_FUNCTION_MEMORY_SIZE, set by Lambda), serial GC, C1 only, IPv4. $1 is CMD: the handler.
# JavaCPP's cache goes to /tmp (the only writable path on Lambda). JAVA_TOOL_OPTIONS, when the function sets
# it, is read by the JVM itself.
set -eu
memory_mb="${AWS_LAMBDA_FUNCTION_MEMORY_SIZE:-3008}"
heap_kib=$((memory_mb * 1024 * 85 / 100))
cd "${LAMBDA_TASK_ROOT:-/var/task}"
exec /usr/bin/java -XX:MaxHeapSize="${heap_kib}k" -XX:+UseSerialGC -XX:+TieredCompilation -XX:TieredStopAtLevel=1 \
  -Xshare:auto -Djava.net.preferIPv4Stack=true -XX:+ErrorFileToStderr \
  -Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp \
  -cp '/var/runtime/lib/*' com.amazonaws.services.lambda.runtime.api.client.AWSLambda "$@"
