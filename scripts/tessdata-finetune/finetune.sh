#!/bin/bash
# Fine-tunes an integer (tessdata_fast) Tesseract LSTM on SROIE training receipts' line images (issue 17).
# Tesseract cannot continue training an int model ("is an integer (fast) model, cannot continue training"),
# so lstmtraining is built from Debian's Tesseract 5.3.0 source with tesseract-5.3.0-dequantize.patch: with
# TESS_DEQUANTIZE set, WeightMatrix::DeSerialize turns each int8 row back into floats (w = i * scale, the
# scale ConvertToInt wrote) and the recogniser drops its int flag. The round trip is exact: the de-quantised
# model converted back with --convert_to_int reads every page of SROIE 250-299 identically to the original.
#
# usage: finetune.sh WORK_DIR STAGES...     e.g. finetune.sh /work/tft-build 2000 5000 10000 20000
# needs: cmake, g++, libleptonica-dev, libicu-dev, a deb-src line for bookworm; run from the checkout, built
# (mvn install -DskipTests). Receipts 000-249 only: 250-299 choose the stage, 300-399 report it once.
set -euo pipefail
WORK=${1:?usage: finetune.sh WORK_DIR STAGES...}; shift
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
BASE=${BASE_TRAINEDDATA:-/usr/share/tesseract-ocr/5/tessdata/eng.traineddata}
export OMP_THREAD_LIMIT=1
mkdir -p "$WORK" && cd "$WORK"

# 1. lstmtraining with the patch (static, no OpenMP; only the two tools needed).
if [ ! -x build/bin/lstmtraining ]; then
  apt-get source --download-only -q tesseract=5.3.0-2
  tar xf tesseract_5.3.0.orig.tar.gz
  (cd tesseract-5.3.0 && patch -p1 < "$HERE/tesseract-5.3.0-dequantize.patch")
  mkdir -p build && (cd build && cmake ../tesseract-5.3.0 -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
    -DBUILD_TRAINING_TOOLS=ON -DOPENMP_BUILD=OFF -DGRAPHICS_DISABLED=ON -DDISABLE_ARCHIVE=ON -DDISABLE_CURL=ON \
    -DDISABLE_TIFF=ON -DBUILD_TESTS=OFF -DUSE_SYSTEM_ICU=ON >/dev/null && make -j2 lstmtraining >/dev/null)
fi
B=$WORK/build/bin

# 2. Line data framed as the pipeline reads lines (LineTrainingData), cut into .lstmf by Tesseract itself.
CP=$(cd "$REPO" && mvn -q -o dependency:build-classpath -pl ocr-eval -Dmdep.outputFile=/dev/stdout):$REPO/ocr-eval/target/classes
java -cp "$CP" io.deepreader.ocr.eval.LineTrainingData "$REPO/../shared/data/sroie-dev" 0 250 gt "$(dirname "$BASE")"
(cd gt && ls *.png | sed 's/\.png$//' | xargs -P 2 -I{} sh -c \
  'tesseract {}.png {} --psm 13 --tessdata-dir "'"$(dirname "$BASE")"'" lstm.train >/dev/null 2>&1')
ls "$WORK"/gt/*.lstmf > train.list

# 3. Train in stages (one thread; each stage continues from the last checkpoint), an int traineddata per stage.
combine_tessdata -e "$BASE" base.lstm >/dev/null
mkdir -p ckpt models
for it in "$@"; do
  TESS_DEQUANTIZE=1 nice "$B/lstmtraining" --continue_from base.lstm --traineddata "$BASE" \
    --model_output ckpt/ft --train_listfile train.list --reset_learning_rate --learning_rate 0.0001 \
    --target_error_rate 0.001 --max_iterations "$it" --debug_interval 0 >> train.log 2>&1
  mkdir -p "models/i$it"
  "$B/lstmtraining" --stop_training --convert_to_int --continue_from ckpt/ft_checkpoint --traineddata "$BASE" \
    --model_output "models/i$it/eng.traineddata" >> train.log 2>&1
done
# Choose a stage on 250-299's truth boxes:
#   CtpnCli eval --sroie ../shared/data/sroie-dev --range 250-299 --detectors truth --tessdata WORK/models/iN
