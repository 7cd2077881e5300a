# SPDX-License-Identifier: GPL-2.0
# Check vbrctl's JSON against the schemas of vbrctl(8) (JSON OUTPUT).
#
#   jq -n -r --argjson schemas S -f vbrctl-json.jq < OUTPUTS
#
# S maps each schema's name to the schema: vbrctl-json.schema, which
# vbrctl-json-schema.awk reads out of vbrctl.8. A schema is JSON: a
# string is the JSON type of a value ("string", "number", "boolean",
# "null", or several as "string|null") or "@NAME", the schema NAME; a
# one-element array is an array of such elements; an object lists every
# member, a name ending in "?" one that may be missing.
#
# OUTPUTS holds objects {"what": "show -s", "schema": "show", "value":
# V}: V, what the command WHAT printed, is checked against the schema.
# Prints a line for each departure ('show -s.ports[1]: no "port"',
# '... unknown "name"'), and one for each optional member that no
# output had ('never seen: port.veth_peer'), of the schemas that some
# output used: a test must show them all.

def check($s; $path; $in):
	if ($s | type) == "string" and ($s | startswith("@")) then
		($s[1:]) as $n |
		if $schemas | has($n) then "=\($n)", check($schemas[$n]; $path; $n)
		else "\($path): no schema \($s)" end
	elif ($s | type) == "string" then
		type as $t |
		if any($s | split("|")[]; . == $t) then empty
		else "\($path): \($t), want \($s)" end
	elif ($s | type) == "array" then
		if type != "array" then "\($path): \(type), want an array"
		else to_entries[] | .key as $i | .value |
			check($s[0]; "\($path)[\($i)]"; $in)
		end
	elif ($s | type) == "object" then
		if type != "object" then "\($path): \(type), want an object"
		else
			. as $v |
			($s | to_entries[] |
			 (.key | rtrimstr("?")) as $k |
			 (.key | endswith("?")) as $opt |
			 .value as $sub |
			 if ($v | has($k)) then
				(if $opt then "+\($in).\($k)" else empty end),
				($v[$k] | check($sub; "\($path).\($k)"; $in))
			 elif $opt then empty
			 else "\($path): no \"\($k)\"" end),
			($v | keys_unsorted[] |
			 select(. as $k | $s | (has($k) or has($k + "?")) | not) |
			 "\($path): unknown \"\(.)\"")
		end
	else "\($path): bad schema \($s | tojson)" end;

[inputs | .what as $what | .schema as $name | .value |
	check("@\($name)"; $what; $name)] as $lines |
($lines[] | select(startswith("+") or startswith("=") | not)),
(($lines | map(select(startswith("+"))) | unique) as $seen |
 ($lines | map(select(startswith("=")) | .[1:]) | unique) as $used |
 $schemas | to_entries[] | .key as $n | select($used | index([$n])) |
 [.value | .. | objects | keys[] | select(endswith("?")) |
  "+\($n).\(rtrimstr("?"))"] | unique[] |
 select(. as $m | $seen | index([$m]) | not) |
 "never seen: \(.[1:])")
