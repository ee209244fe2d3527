# Guards for TestGuards: helper rules that hold for some documents.
package lib

is_pod if input.kind == "Pod"

# boom fails to evaluate for kind Boom (a builtin error).
boom if to_number(input.name) > 0
