"""MPP — the open platform for Indonesia's public service malls (Mal Pelayanan Publik)."""
