# Helpers shared by the built-in rules.
package infragate.lib.values

# is_unknown holds for values a static read of the source cannot know:
# conftest's HCL shape wraps every expression that is not a literal as "${...}".
is_unknown(v) if {
	is_string(v)
	contains(v, "${")
}
