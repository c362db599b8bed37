"""Password hashing with Argon2id parameters chosen for Haven, and written down.

Django's default Argon2 hasher uses 100 MiB and 8 lanes per hash. Haven uses
the second recommended setting of RFC 9106 (section 4): 64 MiB of memory, three
passes, four lanes. A login burst then costs 64 MiB per concurrent login per
app process, which `bench/load.py` measures (figures in docs/performance.md).
Hashes made with other parameters still verify and are upgraded on the next
login.
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class HavenArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 3
    memory_cost = 65536  # KiB, i.e. 64 MiB
    parallelism = 4
