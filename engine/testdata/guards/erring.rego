package rules.erring

# Its guard fails to evaluate for some documents: then every rule is
# evaluated, as without guards.
deny contains "erring: not a pod" if input.kind != "Pod"
