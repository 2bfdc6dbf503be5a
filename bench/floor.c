/*
 * floor.c - the benchmark's floor: read a file and run libyaml's parser
 * over it, event by event, building nothing.  No checker that reads YAML
 * through libyaml can be faster than this on the same bytes.
 *
 *   floor FILE...     exit 0 when every file parses, 1 otherwise
 */
#include <stdio.h>
#include <stdlib.h>

#include <yaml.h>

/* Parses the whole stream of one file; returns the number of events, or
 * -1 when the file cannot be read or is not YAML. */
static long parse_file(const char *path)
{
	yaml_parser_t parser;
	yaml_event_t event;
	long events = 0;
	int done = 0;
	FILE *f = fopen(path, "rb");

	if (!f)
		return -1;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			events = -1;
			break;
		}
		done = event.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&event);
		events++;
	}
	yaml_parser_delete(&parser);
	fclose(f);
	return events;
}

int main(int argc, char **argv)
{
	int i, rc = 0;

	for (i = 1; i < argc; i++)
		if (parse_file(argv[i]) < 0) {
			fprintf(stderr, "floor: %s: not readable YAML\n", argv[i]);
			rc = 1;
		}
	return rc;
}
