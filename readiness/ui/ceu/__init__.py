"""The Recertification page: after passing, the CEU cycle and its log."""
