/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vbrctl: a small streaming JSON writer to stdout. KEY is the member
 * name inside an object and NULL inside an array. Commands print through
 * print.h, which calls these only for JSON output.
 */
#ifndef VBRCTL_JSON_H
#define VBRCTL_JSON_H

#include <stdbool.h>
#include <stdint.h>

/* Indented output (-p); compact, one value a line, by default. */
void json_set_pretty(bool pretty);
void json_obj_begin(const char *key);
void json_obj_end(void);
void json_arr_begin(const char *key);
void json_arr_end(void);
/* A string, or null when S is NULL. */
void json_str(const char *key, const char *s);
void json_u64(const char *key, uint64_t v);
void json_int(const char *key, long long v);
/* v / 100 as a number: 150 is 1.50, 300 is 3. */
void json_hundredths(const char *key, uint64_t v);
void json_bool(const char *key, bool v);
void json_null(const char *key);
/* End a top-level value: newline and flush. */
void json_line_end(void);

#endif /* VBRCTL_JSON_H */
