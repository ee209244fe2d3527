package rules.missing

# Its guard names no rule: evaluated on every document.
deny contains "missing: not a pod" if input.kind != "Pod"
