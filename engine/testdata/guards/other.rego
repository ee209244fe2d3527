package rules.other

# No guard: evaluated on every document.
deny contains "other: always" if true
