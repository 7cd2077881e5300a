# SPDX-License-Identifier: GPL-2.0
# The JSON schemas of vbrctl.8 (JSON OUTPUT) as one JSON object, by name,
# for vbrctl.sh and vbrctl-json.jq: each schema is the example (.EX to
# .EE) after a line '.\" json-schema NAME...', under each NAME.
#
#   awk -f vbrctl-json-schema.awk vbrctl.8 > vbrctl-json.schema
/^\.\\" json-schema / {
	names = $0
	sub(/^[^ ]+ [^ ]+ /, "", names)
	next
}
names != "" && /^\.EX$/ {
	body = ""
	inb = 1
	next
}
inb && /^\.EE$/ {
	n = split(names, a, " ")
	for (i = 1; i <= n; i++) {
		printf "%s\"%s\": %s", sep, a[i], body
		sep = ",\n"
	}
	names = ""
	inb = 0
	next
}
inb {
	body = body $0 "\n"
}
BEGIN { printf "{" }
END { print "}" }
