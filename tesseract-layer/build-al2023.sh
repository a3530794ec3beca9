#!/usr/bin/env bash
# Builds the deployable Tesseract layer on Amazon Linux 2023 (the OS of Lambda's java21 runtime), so
# every library in it links against AL2023's glibc. Run it where AL2023 runs, from the repository root:
#
#   mvn -q -pl tesseract-layer package -DskipTests          # on the dev machine: the builder jar
#   docker run --rm -v "$PWD":/src -w /src public.ecr.aws/amazonlinux/amazonlinux:2023 \
#       bash tesseract-layer/build-al2023.sh                 # or the same script on an AL2023 EC2 / CloudShell
#
# Output: tesseract-layer/target/tesseract-layer-al2023.zip (deploy with
#   --param="tesseractLayerArtifact=tesseract-layer/target/tesseract-layer-al2023.zip").
# The layout is the one TesseractLayerTest checks for the local build: the same builder jar writes it.
set -euo pipefail

LEPTONICA_VERSION=${LEPTONICA_VERSION:-1.84.1}
TESSERACT_VERSION=${TESSERACT_VERSION:-5.3.4}
PREFIX=${PREFIX:-/opt/tesseract}
BUILD=${BUILD:-/tmp/tesseract-build}
OUT=${OUT:-tesseract-layer/target/tesseract-layer-al2023.zip}
BUILDER=tesseract-layer/target/tesseract-layer-1.0.0-SNAPSHOT-builder.jar

grep -q 'Amazon Linux 2023' /etc/os-release || { echo "build-al2023: run this on Amazon Linux 2023" >&2; exit 1; }
[[ -f $BUILDER ]] || { echo "build-al2023: $BUILDER missing; run mvn -pl tesseract-layer package first" >&2; exit 1; }

dnf install -y -q gcc gcc-c++ make cmake pkgconf-pkg-config tar gzip \
  libpng-devel libjpeg-turbo-devel libtiff-devel zlib-devel libwebp-devel openjpeg2-devel \
  java-21-amazon-corretto-headless

mkdir -p "$BUILD" && cd "$BUILD"
curl -fsSL -o leptonica.tar.gz "https://github.com/DanBloomberg/leptonica/releases/download/${LEPTONICA_VERSION}/leptonica-${LEPTONICA_VERSION}.tar.gz"
curl -fsSL -o tesseract.tar.gz "https://github.com/tesseract-ocr/tesseract/archive/refs/tags/${TESSERACT_VERSION}.tar.gz"
curl -fsSL -o eng.traineddata "https://github.com/tesseract-ocr/tessdata_fast/raw/main/eng.traineddata"
# Orientation and script detection (pages scanned at 90/180/270 degrees); the legacy-engine model Debian's
# tesseract-ocr-osd ships, from tessdata (tessdata_fast holds LSTM models only).
curl -fsSL -o osd.traineddata "https://github.com/tesseract-ocr/tessdata/raw/main/osd.traineddata"
tar xzf leptonica.tar.gz && tar xzf tesseract.tar.gz

cmake -S "leptonica-${LEPTONICA_VERSION}" -B lept-build -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON \
  -DCMAKE_INSTALL_PREFIX="$PREFIX" -DSW_BUILD=OFF
cmake --build lept-build -j"$(nproc)" && cmake --install lept-build

# No curl (URLs as input) and no libarchive (zipped traineddata): both drag large closures
# (ICU, Kerberos, OpenSSL) into the layer for features the function never uses.
PKG_CONFIG_PATH="$PREFIX/lib64/pkgconfig:$PREFIX/lib/pkgconfig" \
cmake -S "tesseract-${TESSERACT_VERSION}" -B tess-build -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON \
  -DCMAKE_INSTALL_PREFIX="$PREFIX" -DCMAKE_PREFIX_PATH="$PREFIX" -DSW_BUILD=OFF \
  -DBUILD_TRAINING_TOOLS=OFF -DDISABLE_CURL=ON -DDISABLE_ARCHIVE=ON -DGRAPHICS_DISABLED=ON -DOPENMP_BUILD=OFF
cmake --build tess-build -j"$(nproc)" && cmake --install tess-build

mkdir -p tessdata && cp eng.traineddata osd.traineddata tessdata/
LIB=$(ls "$PREFIX"/lib64/libtesseract.so.5 "$PREFIX"/lib/libtesseract.so.5 2>/dev/null | head -1)
cd - >/dev/null
java -jar "$BUILDER" "$OUT" --library "$LIB" --tessdata "$BUILD/tessdata" --languages eng,osd \
  --library-path "$PREFIX/lib64:$PREFIX/lib" --source al2023 --tesseract-version "tesseract $TESSERACT_VERSION"
