/*
 * fuzz_template.c - fuzzes the template loader: the bytes as a template
 * file (YAML with CloudFormation tags, or JSON), then the template's
 * structure (template_open), as cfn-dryrun check reads them.
 */
#include "fuzz.h"

#include "engine/finding.h"
#include "load/load.h"
#include "template/template.h"
#include "util/diag.h"
#include "util/srcpos.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct load_meta meta;
	const struct load_options opt = { LOAD_AUTO, 0, 1, &meta };
	struct diag_list dl = DIAG_LIST_INIT;
	struct finding_list findings = { NULL, 0, 0 };
	struct value *root;

	if (size > TEMPLATE_MAX_FILE_BYTES)
		return 0;
	root = load_buffer("fuzz.yaml", (const char *)data, size, &opt, &dl);
	if (root)
		template_free(template_open(root, size, &findings, &dl));
	finding_list_free(&findings);
	diag_clear(&dl);
	return 0;
}
