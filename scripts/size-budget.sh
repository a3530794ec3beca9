#!/usr/bin/env bash
# Lambda package size budget: for every function, its code package plus all its layers must stay under
# Lambda's 250 MB unzipped limit (262,144,000 bytes). TensorFlow's natives (~680 MB) can never fit, so
# they must not be in any package: they are seeded to EFS (docs/deploy.md). Exits 1 when a function is
# over budget or a package carries TensorFlow natives; with SIZE_BUDGET_STRICT=1 a missing artifact
# fails too (otherwise it is reported and skipped, e.g. when only some modules were built).
#
# Usage: scripts/size-budget.sh            (from anywhere; artifact paths as in serverless.yml)
set -euo pipefail
cd "$(dirname "$0")/.."

LIMIT=262144000
# Keep headroom for the JVM's own growth of a package between checks: warn above 90%.
WARN=$((LIMIT * 9 / 10))
STRICT=${SIZE_BUDGET_STRICT:-0}

# Overridable for tests and for checking other builds (e.g. the AL2023 layer).
OCR=${OCR_ARTIFACT:-ocr-function/target/ocr-function-1.0.0-SNAPSHOT-lambda.jar}
EXTRACTOR=${EXTRACTOR_ARTIFACT:-extractors/target/extractors-1.0.0-SNAPSHOT-lambda.jar}
SEED=${SEED_ARTIFACT:-efs-setup/target/efs-setup-1.0.0-SNAPSHOT-lambda.jar}
TESSERACT_LAYER=${TESSERACT_LAYER_ARTIFACT:-tesseract-layer/target/tesseract-layer.zip}

# function name, then its artifacts (code first, layers after)
FUNCTIONS=(
  "ocr $OCR $TESSERACT_LAYER"
  "extractor $EXTRACTOR"
  "seed $SEED"
)

unzipped() { unzip -Zt "$1" | sed -E 's/^[0-9]+ files?, ([0-9]+) bytes uncompressed.*/\1/'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1000000 }'; }

status=0
printf '%-10s %-58s %10s %10s\n' function artifact zipped_MB unzipped_MB
for entry in "${FUNCTIONS[@]}"; do
  read -r name artifacts <<<"$entry"
  total=0
  missing=0
  for artifact in $artifacts; do
    if [[ ! -f "$artifact" ]]; then
      printf '%-10s %-58s %10s %10s\n' "$name" "$artifact" MISSING -
      missing=1
      continue
    fi
    size=$(unzipped "$artifact")
    total=$((total + size))
    printf '%-10s %-58s %10s %10s\n' "$name" "$artifact" "$(mb "$(stat -c %s "$artifact")")" "$(mb "$size")"
    if unzip -Z1 "$artifact" | grep -Eq '(^|/)lib(jni)?tensorflow[^/]*\.so'; then
      echo "FAIL $name: $artifact contains TensorFlow natives; they belong on EFS (frameworks/), not in the package" >&2
      status=1
    fi
  done
  if [[ $missing == 1 ]]; then
    if [[ $STRICT == 1 ]]; then
      echo "FAIL $name: artifact missing (build with mvn package first)" >&2
      status=1
    else
      echo "skip $name: artifact missing, budget not checked" >&2
    fi
    continue
  fi
  verdict=ok
  if (( total > LIMIT )); then
    verdict=OVER
    status=1
  elif (( total > WARN )); then
    verdict="ok (above 90%)"
  fi
  printf '%-10s %-58s %10s %10s  %s of %s MB\n' "$name" "= code + layers" "" "$(mb "$total")" "$verdict" "$(mb "$LIMIT")"
done
exit $status
