"""Framework-free core objects shared by the frontend and every backend."""
