// SPDX-License-Identifier: GPL-2.0
/*
 * vbrctl: text or JSON from one call (see print.h). The JSON is written
 * by json.c; this file decides, per call, which of the two is printed.
 */
#include <stdarg.h>
#include <stdio.h>

#include "json.h"
#include "print.h"

static bool print_json;

void print_init(bool json, bool pretty)
{
	print_json = json;
	json_set_pretty(pretty);
}

bool is_json(void)
{
	return print_json;
}

/* Whether the call prints anything in the current output. */
static bool wanted(enum output_type t)
{
	return print_json ? t & PRINT_JSON : t & PRINT_FP;
}

/* The text of a call: FMT with its one value. */
static void text(const char *fmt, ...)
{
	va_list ap;

	if (!fmt)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

void open_json_object(const char *key)
{
	if (print_json)
		json_obj_begin(key);
}

void close_json_object(void)
{
	if (print_json)
		json_obj_end();
}

void open_json_array(const char *key)
{
	if (print_json)
		json_arr_begin(key);
}

void close_json_array(void)
{
	if (print_json)
		json_arr_end();
}

void print_string(enum output_type t, const char *key, const char *fmt,
		  const char *value)
{
	if (!wanted(t))
		return;
	if (print_json)
		json_str(key, value);
	else if (value)
		text(fmt, value);
}

void print_u64(enum output_type t, const char *key, const char *fmt,
	       uint64_t value)
{
	if (!wanted(t))
		return;
	if (print_json)
		json_u64(key, value);
	else
		text(fmt, (unsigned long long)value);
}

void print_uint(enum output_type t, const char *key, const char *fmt,
		unsigned int value)
{
	if (!wanted(t))
		return;
	if (print_json)
		json_u64(key, value);
	else
		text(fmt, value);
}

void print_int(enum output_type t, const char *key, const char *fmt,
	       long long value)
{
	if (!wanted(t))
		return;
	if (print_json)
		json_int(key, value);
	else
		text(fmt, value);
}

void print_bool(enum output_type t, const char *key, const char *fmt,
		bool value)
{
	if (!wanted(t))
		return;
	if (print_json)
		json_bool(key, value);
	else
		text(fmt, value ? "true" : "false");
}

void print_on_off(enum output_type t, const char *key, const char *fmt,
		  bool value)
{
	if (!wanted(t))
		return;
	if (print_json)
		json_bool(key, value);
	else
		text(fmt, value ? "on" : "off");
}

void print_null(enum output_type t, const char *key, const char *fmt,
		const char *txt)
{
	if (!wanted(t))
		return;
	if (print_json)
		json_null(key);
	else
		text(fmt, txt);
}

void print_hundredths(enum output_type t, const char *key, const char *fmt,
		      uint64_t v)
{
	char buf[32];

	if (!wanted(t))
		return;
	if (print_json) {
		json_hundredths(key, v);
		return;
	}
	/* As the JSON has it: 1.50, 3. */
	if (v % 100)
		snprintf(buf, sizeof(buf), "%llu.%02llu",
			 (unsigned long long)v / 100,
			 (unsigned long long)v % 100);
	else
		snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v / 100);
	text(fmt, buf);
}

void print_text(const char *fmt, ...)
{
	va_list ap;

	if (print_json)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

void print_nl(void)
{
	if (!print_json)
		putchar('\n');
}

void print_end(void)
{
	if (print_json)
		json_line_end();
	else
		fflush(stdout);
}
