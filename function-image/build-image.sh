#!/usr/bin/env bash
# Builds the OCR function as an OCI container image for Lambda, without a Docker daemon (`make image`).
#
#   layer 1  Debian 12 root file system (mmdebstrap, minbase) + openjdk-17-jre-headless + libtesseract5
#            + tesseract-ocr-eng/osd, from Debian's mirror; cached under ~/.cache/deepreader, keyed by its
#            package list and options, so a rebuild does not bootstrap again
#   layer 2  TensorFlow Java 1.1.0 natives as a framework bundle at /opt/tensorflow-1.1.0 (683 MB: inside the
#            image instead of on EFS; TF_FRAMEWORK_DIR points at it, FrameworkLocator checks its manifest)
#   layer 3  the runtime interface client (RIC 2.10.1 and its dependencies) in /var/runtime/lib + the entrypoint
#   layer 4  the function jar in /var/task/lib (the only layer a code change re-pushes)
#
# Heavy, rarely changing layers first; every layer tar is written with sorted names, fixed mtimes and
# numeric root ownership, so an unchanged layer keeps its digest and a registry already has it.
# The OCI layout is assembled with umoci (a Debian package; works as a plain CLI on a directory, needs no
# daemon and no registry, and `raw add-layer` takes our own tarballs verbatim, so layer boundaries are ours).
# The CTPN model is not in the image: it is still loaded lazily, verified, from the EFS access point.
#
# Inputs come from `mvn package` (function-image/target/image-inputs); the output is an OCI image layout at
# function-image/target/oci (tag ocr-function), pushed with `skopeo copy oci:... docker://...` (docs/deploy.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
inputs="$here/target/image-inputs"
out="$here/target"
layout="$out/oci"
tag="ocr-function"
epoch="${SOURCE_DATE_EPOCH:-1767225600}"   # 2026-01-01, the project's reproducible-build timestamp
tf_version="1.1.0"
handler="io.deepreader.function.OcrHandler::handleRequest"

for f in runtime-lib/aws-lambda-java-runtime-interface-client-2.10.1.jar build/ocr-function-lambda.jar \
         build/efs-setup-lambda.jar build/tensorflow-core-native-linux-x86_64.jar; do
  [ -f "$inputs/$f" ] || { echo "missing $inputs/$f: run mvn package (make image does)" >&2; exit 1; }
done
[ "$(id -u)" -eq 0 ] || { echo "build-image.sh runs as root (mmdebstrap --mode=root, numeric ownership)" >&2; exit 1; }
missing=()
for tool in mmdebstrap umoci jq; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---- layer 1: the Debian root file system, cached ----
packages="openjdk-17-jre-headless,libtesseract5,tesseract-ocr-eng,tesseract-ocr-osd"
mirrors=("deb http://deb.debian.org/debian bookworm main"
         "deb http://deb.debian.org/debian bookworm-updates main"
         "deb http://deb.debian.org/debian-security bookworm-security main")
# Docs, man pages and translations are never read by a Lambda function (~60 MB). openjdk's postinst
# registers java.1.gz with update-alternatives, which needs man1 to exist. device nodes are left out of the layer:
# the container runtime provides it.
mm_opts=(--mode=root --variant=minbase --format=tar --skip=output/mknod
         --include="$packages"
         --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*'
         --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*'
         --dpkgopt='path-exclude=/usr/share/info/*'
         --setup-hook='mkdir -p "$1"/usr/share/man/man1'
         --customize-hook='rm -rf "$1"/var/cache/apt/* "$1"/var/lib/apt/lists/* "$1"/var/log/* "$1"/etc/machine-id'
         --customize-hook='mkdir -p "$1"/var/task "$1"/var/runtime "$1"/mnt/efs "$1"/opt')
cache="${XDG_CACHE_HOME:-$HOME/.cache}/deepreader"
key="$(printf '%s\n' "bookworm" "$epoch" "${mirrors[@]}" "${mm_opts[@]}" | sha256sum | cut -c1-16)"
base="$cache/image-base-$key.tar"
mkdir -p "$cache"
if [ -f "$base" ]; then
  echo "layer 1: cached root file system $base"
else
  echo "layer 1: mmdebstrap bookworm with $packages (about a minute)"
  SOURCE_DATE_EPOCH="$epoch" mmdebstrap --quiet "${mm_opts[@]}" bookworm "$base.partial" "${mirrors[@]}"
  mv "$base.partial" "$base"
  # Only one base is kept: the others were built for package lists or options no longer used.
  find "$cache" -maxdepth 1 -name 'image-base-*.tar' ! -path "$base" -delete
fi

# Deterministic tar of a staging directory: the same files give the same bytes, so the same layer digest.
layer_tar() {  # <staging dir> <output tar>
  find "$1" -mindepth 1 -exec touch -h -d "@$epoch" {} +
  tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner --format=posix \
      --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime -C "$1" -cf "$2" .
}

work="$out/image-work"
rm -rf "$work" "$layout"
mkdir -p "$work"

# ---- layer 2: TensorFlow natives as a framework bundle (the seeding code's own format) ----
echo "layer 2: TensorFlow $tf_version natives -> /opt/tensorflow-$tf_version"
mkdir -p "$work/tf/opt"
java -cp "$inputs/build/efs-setup-lambda.jar" io.deepreader.efs.seed.SeedMain tensorflow-bundle \
  --native-jar "$inputs/build/tensorflow-core-native-linux-x86_64.jar" --version "$tf_version" \
  --out "$work/tf/opt/tensorflow-$tf_version"
chmod -R a+rX "$work/tf"
layer_tar "$work/tf" "$work/layer-tf.tar"

# ---- layer 3: runtime interface client + entrypoint ----
echo "layer 3: runtime interface client -> /var/runtime/lib"
mkdir -p "$work/runtime/var/runtime/lib"
cp "$inputs"/runtime-lib/*.jar "$work/runtime/var/runtime/lib/"
install -m 0755 "$here/lambda-entrypoint.sh" "$work/runtime/var/runtime/lambda-entrypoint.sh"
chmod -R a+rX "$work/runtime"
layer_tar "$work/runtime" "$work/layer-runtime.tar"

# ---- layer 4: the function ----
echo "layer 4: ocr-function jar -> /var/task/lib"
mkdir -p "$work/function/var/task/lib"
cp "$inputs/build/ocr-function-lambda.jar" "$work/function/var/task/lib/ocr-function.jar"
chmod -R a+rX "$work/function"
layer_tar "$work/function" "$work/layer-function.tar"

# ---- assemble ----
created="$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)"
umoci init --layout "$layout"
umoci new --image "$layout:$tag"
umoci raw add-layer --image "$layout:$tag" --history.created "$created" \
  --history.created_by "mmdebstrap bookworm minbase + $packages" "$base"
umoci raw add-layer --image "$layout:$tag" --history.created "$created" \
  --history.created_by "TensorFlow Java $tf_version natives (framework bundle)" "$work/layer-tf.tar"
umoci raw add-layer --image "$layout:$tag" --history.created "$created" \
  --history.created_by "aws-lambda-java-runtime-interface-client 2.10.1 + entrypoint" "$work/layer-runtime.tar"
umoci raw add-layer --image "$layout:$tag" --history.created "$created" \
  --history.created_by "ocr-function jar" "$work/layer-function.tar"
# Lambda runs the image's ENTRYPOINT with CMD (the handler, overridable by ImageConfig.Command) as arguments,
# as a non-root user, on a read-only root file system with /tmp writable. Function environment variables
# from serverless.yml override these.
umoci config --image "$layout:$tag" --created "$created" --history.created "$created" \
  --os linux --architecture amd64 \
  --config.entrypoint /var/runtime/lambda-entrypoint.sh --config.cmd "$handler" \
  --config.workingdir /var/task \
  --config.env LAMBDA_TASK_ROOT=/var/task --config.env LAMBDA_RUNTIME_DIR=/var/runtime \
  --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --config.env LANG=C.UTF-8 \
  --config.env TESSDATA_PREFIX=/usr/share/tesseract-ocr/5/tessdata \
  --config.env OMP_THREAD_LIMIT=1 \
  --config.env TF_CPP_MIN_LOG_LEVEL=1 \
  --config.env "TF_FRAMEWORK_DIR=/opt/tensorflow-$tf_version" \
  --config.env EFS_ROOT=/mnt/efs \
  --config.label "org.opencontainers.image.title=deepreader-ocr-function"
umoci gc --layout "$layout"
rm -rf "$work"

# ---- report: size and layers ----
manifest_digest="$(jq -r --arg t "$tag" '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"]==$t) | .digest' "$layout/index.json")"
manifest="$layout/blobs/sha256/${manifest_digest#sha256:}"
config="$layout/blobs/sha256/$(jq -r '.config.digest' "$manifest" | cut -d: -f2)"
echo
echo "image $layout:$tag  manifest $manifest_digest"
printf '%-5s %-16s %12s %12s  %s\n' layer digest compressed unpacked content
i=0
rm -f "$out/.unpacked-sizes"
jq -r '.layers[].digest' "$manifest" | while read -r digest; do
  i=$((i + 1))
  blob="$layout/blobs/sha256/${digest#sha256:}"
  packed=$(stat -c %s "$blob")
  unpacked=$(gzip -dc "$blob" | wc -c)
  what=$(jq -r --argjson n "$i" '[.history[] | select(.empty_layer != true)][$n - 1].created_by' "$config")
  awk -v i="$i" -v d="${digest:7:12}" -v p="$packed" -v u="$unpacked" -v w="$what" \
    'BEGIN { printf "%-5s %-16s %9.1f MB %9.1f MB  %s\n", i, d, p / 1e6, u / 1e6, w }'
  echo "$unpacked" >> "$out/.unpacked-sizes"
done
total=$(jq '[.layers[].size] | add' "$manifest")
unpacked_total=$(awk '{ s += $1 } END { print s }' "$out/.unpacked-sizes"); rm -f "$out/.unpacked-sizes"
awk -v t="$total" -v u="$unpacked_total" 'BEGIN { printf "image size: %.1f MB compressed (what a registry stores and Lambda pulls), %.1f MB unpacked (Lambda limit: 10 GB)\n", t / 1e6, u / 1e6 }'
