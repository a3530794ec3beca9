# The two commands a new machine needs: `make demo` and `make test` (see README).
SHELL := /bin/bash
MVN ?= mvn -B
EFS_ROOT ?= $(CURDIR)/build/efs-demo
export OMP_THREAD_LIMIT := 1

.PHONY: deps build demo test bench clean-demo

deps:
	bash scripts/install-system-deps.sh
	bash scripts/install-node-tools.sh

build: deps
	$(MVN) -q install -DskipTests

## OCR the bundled sample invoices (PNG, JPEG, G4 TIFF, PDF) in-process into $(EFS_ROOT).
demo: build
	java -jar batch-client/target/batch-client.jar run --target local samples --efs-root "$(EFS_ROOT)" --batch-id demo
	@echo "outputs: $(EFS_ROOT)/jobs/demo/"

## Everything CI checks: unit, integration, end-to-end, layer, packaging and reliability tests.
test: deps
	$(MVN) install

clean-demo:
	rm -rf build/efs-demo
