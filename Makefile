# The two commands a new machine needs: `make demo` and `make test` (see README).
SHELL := /bin/bash
MVN ?= mvn -B
EFS_ROOT ?= $(CURDIR)/build/efs-demo
export OMP_THREAD_LIMIT := 1
# TensorFlow C++ INFO lines off (warnings stay), as in serverless.yml.
export TF_CPP_MIN_LOG_LEVEL := 1

.PHONY: deps build seed demo test clean-demo image image-bundle image-test bench-cold

deps:
	bash scripts/install-system-deps.sh
	bash scripts/install-node-tools.sh

build: deps
	$(MVN) -q install -DskipTests

CLIENT := batch-client/target/batch-client.jar
MODEL_VERSION = $(shell cat models/ctpn/current)
TESSDATA_VERSION = $(shell cat models/tessdata/current)

## Put the shipped CTPN model and fine-tuned Tesseract line model on the local EFS root (the same verified
## seeding as on AWS).
seed: build
	java -cp $(CLIENT) io.deepreader.efs.seed.SeedMain --efs-root "$(EFS_ROOT)" \
	  --from-dir models/ctpn/$(MODEL_VERSION) --target models/ctpn/$(MODEL_VERSION) --pointer models/ctpn/current
	java -cp $(CLIENT) io.deepreader.efs.seed.SeedMain --efs-root "$(EFS_ROOT)" \
	  --from-dir models/tessdata/$(TESSDATA_VERSION) --target models/tessdata/$(TESSDATA_VERSION) --pointer models/tessdata/current

## OCR the bundled sample invoices (PNG, JPEG, G4 TIFF, PDF) in-process with CTPN into $(EFS_ROOT).
demo: seed
	java -jar $(CLIENT) run --target local samples --efs-root "$(EFS_ROOT)" --batch-id demo
	@echo "outputs: $(EFS_ROOT)/jobs/demo/"

## Everything CI checks: unit, integration, end-to-end, layer, packaging and reliability tests.
test: deps
	$(MVN) install

## The OCR function as an OCI image (no Docker daemon: mmdebstrap + umoci), in function-image/target/oci.
image: deps
	$(MVN) -q package -DskipTests -pl function-image -am
	bash function-image/build-image.sh

## The image's own root file system (umoci unpack) as the OCR function's environment under serve mode's Runtime API.
image-test: image-bundle
	$(MVN) verify -pl function-image -Dtest=ImageRootfsTest

## The image unpacked (umoci) into function-image/target/bundle: its rootfs and OCI runtime config.
image-bundle: image
	rm -rf function-image/target/bundle
	umoci unpack --image function-image/target/oci:ocr-function function-image/target/bundle >/dev/null

## Cold starts of the OCR function in fresh process-mode environments, zip (the -lambda jar under the runtime
## interface client) and image (the unpacked image's rootfs, `make image-bundle`; skipped with the reason when absent),
## CTPN and TensorFlow's natives on a seeded EFS folder, with and without AppCDS. After `make build`.
## A benchmark: prints a table and ratios, asserts nothing on time. BENCH_ARGS e.g. --starts 3 --warm 8.
BENCH_ARGS ?= --starts 3 --warm 8
bench-cold:
	$(MVN) -q -pl tests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
	set -o pipefail; cd tests && java -Dshared.dir=$(CURDIR)/../shared -cp target/test-classes:target/classes:$$(cat target/bench.classpath) \
	  io.deepreader.bench.ColdStartBench $(BENCH_ARGS) 2>&1 | grep -v '^{'

clean-demo:
	rm -rf build/efs-demo
