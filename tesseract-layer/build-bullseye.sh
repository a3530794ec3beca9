#!/usr/bin/env bash
# Builds Tesseract 5.3.0 for the Lambda layer inside a Debian 11 (bullseye) root file system, so every
# library in the layer links against glibc <= 2.31 and libstdc++ <= GLIBCXX_3.4.28 (gcc 10): both older
# than Amazon Linux 2023's glibc 2.34 / GLIBCXX_3.4.29, the OS of Lambda's java21 runtime. Debian 12's own
# libtesseract5 cannot be shipped: its libarchive and libstdc++ need GLIBC_2.36 (scripts/elf-gate.sh).
#
#   bash tesseract-layer/build-bullseye.sh INTO_DIR
#
# Leaves INTO_DIR/lib (libtesseract.so.5 and every library it needs but glibc and gcc's runtime, all from
# bullseye) and INTO_DIR/BUILD-INFO. Sources: Tesseract's orig tarball from Debian bookworm's source
# package (tesseract 5.3.0-2, built with autotools as Debian does; Debian's patches are not applied);
# Leptonica 1.79 and the image codecs as bullseye's binary packages. Configured without libcurl (URL
# input), libarchive (zipped traineddata), OpenMP, graphics and training tools: OCR of an image never
# calls them, and curl and libarchive alone dragged 40+ libraries (gnutls, kerberos, ldap, ICU) into the
# old layer.
#
# Cached in ~/.cache/deepreader/tesseract-bullseye/<key> (DEEPREADER_CACHE overrides ~/.cache/deepreader),
# keyed by the SHA-256 of the recipe (suite, packages, source version, the commands run in the chroot):
# a cold build needs root and Debian's mirror and takes 14-21 minutes here (2 shared cores, 5 min CPU); a cached
# one is a copy. tesseract-layer/pom.xml runs it before the tests; nothing here is needed at run time.
set -euo pipefail

INTO=${1:?usage: build-bullseye.sh INTO_DIR}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=bullseye
PACKAGES=build-essential,autoconf,automake,libtool,autoconf-archive,pkg-config,libleptonica-dev,ca-certificates,xz-utils
TESSERACT_SOURCE_VERSION=5.3.0-2
# Run in the chroot. Writes /out/lib and /out/BUILD-INFO.
RECIPE=$(cat <<'RECIPE'
cd /tmp
apt-get update --quiet >/dev/null
apt-get source --download-only --quiet "tesseract=$TESSERACT_SOURCE_VERSION" >/dev/null
tar xf tesseract_*.orig.tar.*
cd "$(ls -d /tmp/tesseract-*/ | head -1)"
# Autotools, as Debian builds it: libtesseract.so.5 (the SONAME Tess4J and Debian's package use).
./autogen.sh >/tmp/autogen.log 2>&1
# -O2 without -g: Debian's build flags minus debug info (the layer ships stripped libraries).
CXXFLAGS=-O2 CFLAGS=-O2 ./configure --prefix=/opt/tesseract --disable-openmp --disable-graphics --disable-doc \
  --without-curl --without-archive --disable-static >/tmp/configure.log
make -j"$(nproc)" >/tmp/make.log 2>&1
make install >/dev/null
mkdir -p /out/lib
lib=/opt/tesseract/lib/libtesseract.so.5
cp -L "$lib" /out/lib/libtesseract.so.5
strip --strip-unneeded /out/lib/libtesseract.so.5
# The closure as bullseye's loader resolves it, minus glibc and gcc's runtime: Amazon Linux 2023 has
# libstdc++/libgcc_s from gcc 11, and TensorFlow's JNI library in the same process needs GLIBCXX_3.4.29:
# an older copy in /opt/lib would shadow it.
ldd "$lib" | awk '/=> \// { print $1, $3 }' | while read -r soname path; do
  case $soname in
    libc.so.*|libm.so.*|libpthread.so.*|libdl.so.*|librt.so.*|ld-linux*|libresolv.so.*|libstdc++.so.*|libgcc_s.so.*) ;;
    *) cp -L "$path" "/out/lib/$soname" ;;
  esac
done
{ echo "os: $(. /etc/os-release; echo "$PRETTY_NAME")"
  echo "tesseract: $(/opt/tesseract/bin/tesseract --version 2>&1 | head -1)"
  echo "leptonica: $(dpkg-query -W -f='${Version}' libleptonica-dev)"
  echo "gcc: $(gcc -dumpfullversion)"
  echo "glibc: $(dpkg-query -W -f='${Version}' libc6)"
} > /out/BUILD-INFO
RECIPE
)
KEY=$(printf '%s\n' "$SUITE" "$PACKAGES" "$TESSERACT_SOURCE_VERSION" "$RECIPE" | sha256sum | cut -c1-16)
CACHE=${DEEPREADER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/deepreader}/tesseract-bullseye/$KEY
install_into() {
  rm -rf "$INTO.tmp" && mkdir -p "$INTO.tmp"
  cp -r "$CACHE/lib" "$CACHE/BUILD-INFO" "$INTO.tmp/"
  rm -rf "$INTO" && mv "$INTO.tmp" "$INTO"
}
if [[ -f $CACHE/BUILD-INFO && -f $CACHE/lib/libtesseract.so.5 ]]; then
  install_into
  echo "build-bullseye: cached build $CACHE"
  exit 0
fi

command -v mmdebstrap >/dev/null || { echo "build-bullseye: mmdebstrap missing (make deps installs it)" >&2; exit 1; }
[[ $(id -u) == 0 ]] || { echo "build-bullseye: needs root (mmdebstrap root mode and chroot)" >&2; exit 1; }

OUT=$CACHE.tmp.$$
WORK=$(mktemp -d /tmp/tesseract-bullseye.XXXXXX)
ROOT=$WORK/rootfs
# Always: unmount, keep the logs of a failed build, remove the root file system and a partial cache entry.
cleanup() {
  status=$?
  for m in proc dev; do umount "$ROOT/$m" 2>/dev/null || true; done
  if [[ $status != 0 && -d $ROOT/tmp ]]; then
    mkdir -p "$WORK.logs" && cp "$ROOT"/tmp/*.log "$WORK.logs/" 2>/dev/null || true
    echo "build-bullseye: failed ($status); logs in $WORK.logs" >&2
  fi
  if grep -q " $ROOT/" /proc/mounts; then
    echo "build-bullseye: $ROOT still has mounts; not removing it" >&2
  else
    rm -rf "$WORK"
  fi
  rm -rf "$OUT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

start=$(date +%s)
# bullseye's packages for the build; bookworm's deb-src only for `apt-get source` of Tesseract 5.3.0.
mmdebstrap --variant=apt --quiet --include="$PACKAGES" "$SUITE" "$ROOT" "deb $MIRROR $SUITE main"
echo "deb-src $MIRROR bookworm main" > "$ROOT/etc/apt/sources.list.d/bookworm-src.list"
cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf"
mount --bind /proc "$ROOT/proc"
mount --bind /dev "$ROOT/dev"
chroot "$ROOT" /usr/bin/env TESSERACT_SOURCE_VERSION="$TESSERACT_SOURCE_VERSION" /bin/bash -euo pipefail -c "$RECIPE"
umount "$ROOT/proc" "$ROOT/dev"

mkdir -p "$OUT"
cp -r "$ROOT/out/lib" "$ROOT/out/BUILD-INFO" "$OUT/"
echo "build-seconds: $(( $(date +%s) - start ))" >> "$OUT/BUILD-INFO"
# Atomic: a half-written cache entry is never taken for a build.
rm -rf "$CACHE" && mv "$OUT" "$CACHE"
install_into
cat "$CACHE/BUILD-INFO"
ls -l "$INTO/lib"
