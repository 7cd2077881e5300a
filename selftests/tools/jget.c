// SPDX-License-Identifier: GPL-2.0
/*
 * jget PATH: print one value of the JSON document on stdin, as `jq -r
 * PATH` would for a plain path (.key, .[N], [N] and chains of them):
 * strings without quotes, anything else as its JSON text, null when a
 * key or an index is missing, nothing for an empty input. The selftests read many single fields of
 * `ip -j`; jq compiles its builtins at every start (about 0.5 s under
 * TCG), this does not.
 *
 * Exit status: 0, 1 on bad JSON, 2 on a bad path or a path that indexes
 * a value of the wrong type.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* p at a '"': past the closing quote, or NULL. */
static const char *skip_string(const char *p)
{
	for (p++; *p && *p != '"'; p++)
		if (*p == '\\' && !*++p)
			return NULL;
	return *p ? p + 1 : NULL;
}

/* Past the value at p, or NULL if it is not one. */
static const char *skip_value(const char *p)
{
	p = ws(p);
	if (*p == '"')
		return skip_string(p);
	if (*p == '{' || *p == '[') {
		char close = *p == '{' ? '}' : ']';

		p = ws(p + 1);
		if (*p == close)
			return p + 1;
		for (;;) {
			if (close == '}') {
				if (*p != '"')
					return NULL;
				p = ws(skip_string(p) ?: "");
				if (*p++ != ':')
					return NULL;
			}
			p = skip_value(p);
			if (!p)
				return NULL;
			p = ws(p);
			if (*p == close)
				return p + 1;
			if (*p++ != ',')
				return NULL;
			p = ws(p);
		}
	}
	if (*p == '-' || isalnum((unsigned char)*p)) {
		while (*p == '-' || *p == '+' || *p == '.' ||
		       isalnum((unsigned char)*p))
			p++;
		return p;
	}
	return NULL;
}

/* Past the value at p and its comma: the next member or element. */
static const char *next_item(const char *p)
{
	p = skip_value(p);
	if (!p)
		return NULL;
	p = ws(p);
	return *p == ',' ? ws(p + 1) : p;
}

/* The member named key of the object at p, or "" when it has none. */
static const char *member(const char *p, const char *key, size_t len)
{
	const char *k, *e;

	p = ws(p + 1);
	while (*p == '"') {
		k = p + 1;
		e = skip_string(p);
		if (!e)
			return NULL;
		p = ws(e);
		if (*p++ != ':')
			return NULL;
		p = ws(p);
		if ((size_t)(e - 1 - k) == len && !memcmp(k, key, len))
			return p;
		p = next_item(p);
		if (!p)
			return NULL;
	}
	return "";
}

/* Element n of the array at p, or "" past its end. */
static const char *element(const char *p, long n)
{
	p = ws(p + 1);
	while (*p && *p != ']') {
		if (n-- == 0)
			return p;
		p = next_item(p);
		if (!p)
			return NULL;
	}
	return "";
}

static void print_string(const char *p, const char *end)
{
	unsigned int u;

	for (p++; p < end - 1; p++) {
		if (*p != '\\') {
			putchar(*p);
			continue;
		}
		switch (*++p) {
		case 'n':
			putchar('\n');
			break;
		case 't':
			putchar('\t');
			break;
		case 'r':
			putchar('\r');
			break;
		case 'b':
			putchar('\b');
			break;
		case 'f':
			putchar('\f');
			break;
		case 'u':
			if (sscanf(p + 1, "%4x", &u) != 1)
				u = '?';
			p += 4;
			if (u < 0x80) {
				putchar(u);
			} else if (u < 0x800) {
				putchar(0xc0 | u >> 6);
				putchar(0x80 | (u & 0x3f));
			} else {
				putchar(0xe0 | u >> 12);
				putchar(0x80 | (u >> 6 & 0x3f));
				putchar(0x80 | (u & 0x3f));
			}
			break;
		default:
			putchar(*p);
			break;
		}
	}
}

/* jq gives null for any path into null. */
static int null_or_bad(const char *p, const char *path)
{
	if (!strncmp(p, "null", 4)) {
		puts("null");
		return 0;
	}
	fprintf(stderr, "jget: cannot follow path %s\n", path);
	return 2;
}

static int bad_path(const char *path)
{
	fprintf(stderr, "jget: cannot follow path %s\n", path);
	return 2;
}

int main(int argc, char **argv)
{
	size_t len = 0, cap = 1 << 16, n;
	const char *path, *p, *end;
	char *doc;

	if (argc != 2 || argv[1][0] != '.') {
		fprintf(stderr, "usage: jget .PATH < JSON\n");
		return 2;
	}
	doc = malloc(cap);
	while (doc && (n = fread(doc + len, 1, cap - len - 1, stdin)) > 0) {
		len += n;
		if (len + 1 == cap)
			doc = realloc(doc, cap *= 2);
	}
	if (!doc)
		return 1;
	doc[len] = '\0';

	p = ws(doc);
	if (!*p)
		return 0;	/* no document, no output: as jq */
	path = argv[1];
	while (*path && *p) {
		if (path[0] == '.' && path[1] == '[')
			path++;
		if (*path == '[') {
			char *e;
			long i = strtol(path + 1, &e, 10);

			if (e == path + 1 || *e != ']' || i < 0)
				return bad_path(argv[1]);
			if (*p != '[')
				return null_or_bad(p, argv[1]);
			p = element(p, i);
			path = e + 1;
		} else if (*path == '.') {
			size_t k = strcspn(path + 1, ".[");

			if (!k)
				break;	/* a lone "." is the value itself */
			if (*p != '{')
				return null_or_bad(p, argv[1]);
			p = member(p, path + 1, k);
			path += 1 + k;
		} else {
			return bad_path(argv[1]);
		}
		if (!p) {
			fprintf(stderr, "jget: bad JSON\n");
			return 1;
		}
		p = ws(p);
	}
	if (!*p) {
		puts("null");
		return 0;
	}
	end = skip_value(p);
	if (!end) {
		fprintf(stderr, "jget: bad JSON\n");
		return 1;
	}
	if (*p == '"')
		print_string(p, end);
	else
		fwrite(p, 1, end - p, stdout);
	putchar('\n');
	return 0;
}
