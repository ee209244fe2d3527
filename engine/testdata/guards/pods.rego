# Rule packages for TestGuards, each with the guard named in guards_test.go.
package rules.pods

# Breaks its guard's promise on purpose: it fires on documents that are not
# Pods, so a finding shows that the package was evaluated.
deny contains "pods: not a pod" if input.kind != "Pod"

deny contains "pods: a pod" if input.kind == "Pod"
