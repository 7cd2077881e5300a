# SPDX-License-Identifier: GPL-2.0
# Prints the enumerators of uapi/linux/vbr.h as shell assignments without
# the VBR_ prefix (CMD_BR_NEW=1, A_BR_NAME=3, ...), so that tests take the
# numbers from the header instead of a copy of it.
/^enum/ { inenum = 1; val = 0; next }
inenum && /^};/ { inenum = 0; next }
inenum && match($0, /^[ \t]*VBR_[A-Z0-9_]+/) {
	name = substr($0, RSTART, RLENGTH)
	gsub(/[ \t]/, "", name)
	if ($0 ~ /=[ \t]*[0-9]+/) {
		v = $0
		sub(/.*=[ \t]*/, "", v)
		sub(/[^0-9].*/, "", v)
		val = v + 0
	}
	sub(/^VBR_/, "", name)
	printf "%s=%d\n", name, val
	val++
}
