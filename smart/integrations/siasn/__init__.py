"""BKN SIASN: the files and data SIASN gives the regency (domain.md §3)."""
