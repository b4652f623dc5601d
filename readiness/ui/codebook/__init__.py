"""The Code book page and window (ICD-10-CM index and tabular, ICD-10-PCS tables)."""
