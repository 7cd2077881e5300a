/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vbrctl: one call prints a field as text or as JSON, so that the two
 * outputs cannot drift apart.
 *
 *	print_string(PRINT_ANY, "state", " %s", "up");
 *
 * prints " up" as text and "state":"up" as JSON (-j). A call marked
 * PRINT_FP prints only as text, PRINT_JSON only as JSON. In JSON, KEY
 * names the member inside an object and is NULL inside an array; in
 * text, FMT is a printf format taking the one value (NULL: nothing is
 * printed). Objects and arrays exist only in JSON: open_json_object()
 * and friends print nothing as text. A top-level value ends with
 * print_end(), which ends the JSON line (or the pretty block of -p)
 * and flushes stdout.
 *
 * print_init() says which output it is, once, before the first call.
 */
#ifndef VBRCTL_PRINT_H
#define VBRCTL_PRINT_H

#include <stdbool.h>
#include <stdint.h>

enum output_type {
	PRINT_FP = 1,		/* text only */
	PRINT_JSON = 2,		/* JSON only */
	PRINT_ANY = 3,		/* both */
};

/* JSON or text; with PRETTY, JSON is indented (-p). */
void print_init(bool json, bool pretty);
bool is_json(void);

void open_json_object(const char *key);
void close_json_object(void);
void open_json_array(const char *key);
void close_json_array(void);

/* VALUE NULL is JSON null, and prints nothing as text. */
void print_string(enum output_type t, const char *key, const char *fmt,
		  const char *value);
void print_u64(enum output_type t, const char *key, const char *fmt,
	       uint64_t value);
void print_uint(enum output_type t, const char *key, const char *fmt,
		unsigned int value);
void print_int(enum output_type t, const char *key, const char *fmt,
	       long long value);
/* JSON true/false; the text gets "true" or "false" for FMT's %s. */
void print_bool(enum output_type t, const char *key, const char *fmt,
		bool value);
/* JSON true/false; the text gets "on" or "off" for FMT's %s. */
void print_on_off(enum output_type t, const char *key, const char *fmt,
		  bool value);
/* JSON null; the text gets TEXT for FMT's %s. */
void print_null(enum output_type t, const char *key, const char *fmt,
		const char *text);
/* V / 100 as a number (150 is 1.50, 300 is 3); the text gets the same
 * digits ("1.50", "3") for FMT's %s.
 */
void print_hundredths(enum output_type t, const char *key, const char *fmt,
		      uint64_t v);
/* Text only: FMT with its arguments, as printf. */
void print_text(const char *fmt, ...);
/* Text only: a newline. */
void print_nl(void);
/* End a top-level value: JSON's newline; flush either way. */
void print_end(void);

#endif /* VBRCTL_PRINT_H */
