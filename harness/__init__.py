"""What the tests and the tools (bench/, scripts/) share, so that no tool imports tests/.

- vaults.py: the fast Argon2 cost, the passphrase, new vaults and sealed items;
- kua_command.py: running the `kua` command line in a clean environment;
- ui_flow.py: a volunteer's first session as clicks and typing on the real window;
- face_truth.py: clips whose faces are known by construction, and their coverage.

Not part of Kua: it is not installed with it (pyproject.toml) nor built into the app
(packaging/kua.spec), and Kua's own packages never import it (tests/test_layers.py).
"""
