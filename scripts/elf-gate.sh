#!/usr/bin/env bash
# ELF gate: every ELF file in each function's package and its layers (also inside jars) must load on
# Lambda's java21 runtime, Amazon Linux 2023 x86-64: no symbol version newer than GLIBC 2.34, GLIBCXX 3.4.29,
# CXXABI 1.3.13, GCC 7.0.0 (gcc 11), and no NEEDED library that neither a layer nor the base image has.
# The OCR function is checked with TensorFlow's native jar too (seeded to EFS, loaded in the same process
# as the layer's libraries). Exits 1 and prints each failure with its reason (io.deepreader.layer.elf.ElfGate).
#
# Checked: x86-64 Linux ELF only (the functions are architecture: x86_64); natives JNA ships for other CPUs
# and systems are listed as skipped. Needs tesseract-layer compiled (its target/classes hold the gate).
#
# Usage: scripts/elf-gate.sh [FUNCTION=CODE[+ALSO],LAYER ...]   (from anywhere; artifact paths as in
#        serverless.yml and size-budget.sh; TF_NATIVES=jar adds TensorFlow's natives to the OCR function)
set -euo pipefail
cd "$(dirname "$0")/.."

OCR=${OCR_ARTIFACT:-ocr-function/target/ocr-function-1.0.0-SNAPSHOT-lambda.jar}
EXTRACTOR=${EXTRACTOR_ARTIFACT:-extractors/target/extractors-1.0.0-SNAPSHOT-lambda.jar}
SEED=${SEED_ARTIFACT:-efs-setup/target/efs-setup-1.0.0-SNAPSHOT-lambda.jar}
TESSERACT_LAYER=${TESSERACT_LAYER_ARTIFACT:-tesseract-layer/target/tesseract-layer.zip}
GATE_CLASSES=${ELF_GATE_CLASSES:-tesseract-layer/target/classes}

ocr_code=$OCR
if [[ -n ${TF_NATIVES:-} ]]; then
  [[ -f $TF_NATIVES ]] || { echo "elf-gate: TF_NATIVES=$TF_NATIVES missing" >&2; exit 1; }
  ocr_code="$OCR+$TF_NATIVES"
fi
exec java -cp "$GATE_CLASSES" io.deepreader.layer.elf.ElfGateMain "$@" \
  "ocr=$ocr_code,$TESSERACT_LAYER" "extractor=$EXTRACTOR" "seed=$SEED"
