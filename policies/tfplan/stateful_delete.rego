# METADATA
# title: Plan deletes or replaces a stateful resource
# description: >-
#   Destroying a database, bucket, volume, file system, KMS key, DNS zone or
#   table (alone, or as part of a replacement, when a changed argument forces
#   a new resource) loses its data or breaks everything that depends on it.
#   Such a plan needs a human to approve it.
# related_resources:
#   - ref: https://developer.hashicorp.com/terraform/internals/json-format#change-representation
#   - ref: https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#prevent_destroy
# custom:
#   id: IG-PLAN-001
#   severity: high
#   enforcement: soft-mandatory
#   remediation: |
#     Make sure the deletion is intended (and the data backed up), then have
#     it approved. If a replacement is not intended, revert the argument that
#     forces it, and guard the resource:
#       lifecycle {
#         prevent_destroy = true
#       }
package infragate.rules.tfplan.stateful_delete

import data.infragate.lib.tfplan

stateful_types := {
	# AWS
	"aws_db_instance", "aws_rds_cluster", "aws_rds_global_cluster",
	"aws_docdb_cluster", "aws_neptune_cluster", "aws_redshift_cluster",
	"aws_elasticache_cluster", "aws_elasticache_replication_group",
	"aws_dynamodb_table", "aws_s3_bucket", "aws_ebs_volume",
	"aws_efs_file_system", "aws_fsx_lustre_file_system", "aws_fsx_windows_file_system",
	"aws_fsx_ontap_file_system", "aws_fsx_openzfs_file_system", "aws_kms_key",
	"aws_route53_zone", "aws_opensearch_domain", "aws_elasticsearch_domain",
	"aws_backup_vault", "aws_secretsmanager_secret", "aws_ecr_repository",
	"aws_kinesis_stream", "aws_msk_cluster", "aws_memorydb_cluster",
	"aws_timestreamwrite_table", "aws_qldb_ledger", "aws_glacier_vault",
	# Google Cloud
	"google_sql_database_instance", "google_sql_database", "google_storage_bucket",
	"google_compute_disk", "google_compute_region_disk", "google_kms_crypto_key",
	"google_kms_key_ring", "google_dns_managed_zone", "google_bigquery_dataset",
	"google_bigquery_table", "google_spanner_instance", "google_spanner_database",
	"google_bigtable_instance", "google_bigtable_table", "google_filestore_instance",
	"google_redis_instance", "google_alloydb_cluster", "google_firestore_database",
	"google_secret_manager_secret",
	# Azure
	"azurerm_cosmosdb_account", "azurerm_storage_account", "azurerm_storage_container",
	"azurerm_storage_share", "azurerm_managed_disk", "azurerm_key_vault",
	"azurerm_key_vault_key", "azurerm_dns_zone", "azurerm_private_dns_zone",
	"azurerm_redis_cache", "azurerm_data_lake_gen2_filesystem",
}

# Azure SQL family: servers, databases, managed instances and Cosmos DB SQL
# containers (not firewall rules or other settings).
azure_sql := `^azurerm_[a-z0-9_]*sql[a-z0-9_]*_(server|database|managed_instance|container|cluster)$`

stateful(t) if t in stateful_types

stateful(t) if regex.match(azure_sql, t)

deny contains {"msg": msg, "path": d.path, "resource": d.address} if {
	some d in tfplan.deletes
	stateful(d.type)
	msg := sprintf("%s: the plan %s this %s; its data is lost unless backed up (needs approval)", [d.address, verb(d), d.type])
}

verb(d) := "replaces (destroys and recreates)" if d.replace

verb(d) := "destroys" if not d.replace
