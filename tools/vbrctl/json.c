// SPDX-License-Identifier: GPL-2.0
/*
 * vbrctl: JSON output. Compact, one top-level value per line; or, with
 * json_set_pretty(), indented by four spaces a level, as jq and ip -p
 * print it. Strings are escaped as RFC 8259 asks (quote, backslash and
 * control bytes).
 */
#include <stdio.h>

#include "json.h"

#define JSON_MAX_DEPTH	16

/* Whether the container at each depth already has a member. */
static bool json_more[JSON_MAX_DEPTH];
static int json_depth;
static bool json_pretty;

void json_set_pretty(bool pretty)
{
	json_pretty = pretty;
}

/* Pretty: a new line, indented to the current depth. */
static void json_indent(void)
{
	int i;

	if (!json_pretty)
		return;
	putchar('\n');
	for (i = 0; i < json_depth; i++)
		fputs("    ", stdout);
}

static void json_escaped(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	putchar('"');
	for (; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", stdout);
			break;
		case '\\':
			fputs("\\\\", stdout);
			break;
		case '\n':
			fputs("\\n", stdout);
			break;
		case '\r':
			fputs("\\r", stdout);
			break;
		case '\t':
			fputs("\\t", stdout);
			break;
		case '\b':
			fputs("\\b", stdout);
			break;
		case '\f':
			fputs("\\f", stdout);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				printf("\\u%04x", *p);
			else
				putchar(*p);
		}
	}
	putchar('"');
}

/* The separator and the member name before a value. */
static void json_member(const char *key)
{
	if (json_depth > 0 && json_depth <= JSON_MAX_DEPTH) {
		if (json_more[json_depth - 1])
			putchar(',');
		json_more[json_depth - 1] = true;
	}
	if (json_depth > 0)
		json_indent();
	if (key) {
		json_escaped(key);
		fputs(json_pretty ? ": " : ":", stdout);
	}
}

static void json_open(const char *key, char c)
{
	json_member(key);
	putchar(c);
	if (json_depth < JSON_MAX_DEPTH)
		json_more[json_depth] = false;
	json_depth++;
}

static void json_close(char c)
{
	bool had = json_depth > 0 && json_depth <= JSON_MAX_DEPTH &&
		   json_more[json_depth - 1];

	if (json_depth > 0)
		json_depth--;
	/* An empty container stays on its line: [] and {}. */
	if (had)
		json_indent();
	putchar(c);
}

void json_obj_begin(const char *key)
{
	json_open(key, '{');
}

void json_obj_end(void)
{
	json_close('}');
}

void json_arr_begin(const char *key)
{
	json_open(key, '[');
}

void json_arr_end(void)
{
	json_close(']');
}

void json_str(const char *key, const char *s)
{
	json_member(key);
	if (s)
		json_escaped(s);
	else
		fputs("null", stdout);
}

void json_u64(const char *key, uint64_t v)
{
	json_member(key);
	printf("%llu", (unsigned long long)v);
}

void json_int(const char *key, long long v)
{
	json_member(key);
	printf("%lld", v);
}

void json_hundredths(const char *key, uint64_t v)
{
	json_member(key);
	if (v % 100)
		printf("%llu.%02llu", (unsigned long long)(v / 100),
		       (unsigned long long)(v % 100));
	else
		printf("%llu", (unsigned long long)(v / 100));
}

void json_bool(const char *key, bool v)
{
	json_member(key);
	fputs(v ? "true" : "false", stdout);
}

void json_null(const char *key)
{
	json_member(key);
	fputs("null", stdout);
}

void json_line_end(void)
{
	putchar('\n');
	fflush(stdout);
	json_depth = 0;
}
