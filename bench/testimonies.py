"""A catalogue of realistic testimonies for the benchmarks (bench/vault.py, passwd.py, gui.py).

Each testimony has a title, notes, a place, a speaker, a detained person with two names in
two scripts out of Kazakh Cyrillic, Latin, Uyghur Arabic and Chinese, tags, and one
complete item row without an object. The same seed gives the same catalogue.
"""

from __future__ import annotations

import random

from rig import MiB
from storage.vault import Vault

# Aligned spellings of the same name: (Kazakh Cyrillic, Latin, Uyghur Arabic, Chinese).
SURNAMES = [
    ("Байжанов", "Bayzhanov", "بايجانوف", "拜扎诺夫"),
    ("Қасымов", "Kasymov", "قاسىموف", "卡瑟莫夫"),
    ("Тұрғанбаев", "Turganbayev", "تۇرغانبايېف", "图尔甘巴耶夫"),
    ("Нұрланов", "Nurlanov", "نۇرلانوف", "努尔兰诺夫"),
    ("Серікбаев", "Serikbayev", "سېرىكبايېف", "谢里克巴耶夫"),
    ("Жақыпов", "Zhakypov", "جاقىپوف", "扎克波夫"),
    ("Абдурехимов", "Abdurehimov", "ئابدۇرېھىموف", "阿不都热依木"),
    ("Тұрсынов", "Tursunov", "تۇرسۇنوف", "吐尔逊"),
]
GIVEN = [
    ("Ерлан", "Erlan", "ئېرلان", "叶尔兰"),
    ("Әлия", "Aliya", "ئالىيە", "阿丽亚"),
    ("Бауыржан", "Baurzhan", "باۋىرجان", "包尔江"),
    ("Гүлнар", "Gulnar", "گۈلنار", "古丽娜尔"),
    ("Қайрат", "Kairat", "قايرات", "凯拉特"),
    ("Жанар", "Zhanar", "جانار", "加娜尔"),
    ("Мақсұтхан", "Maksutkhan", "ماقسۇتخان", "马克苏提汗"),
    ("Сәуле", "Saule", "ساۋلە", "绍列"),
    ("Ильхам", "Ilham", "ئىلھام", "伊力哈木"),
]
# A Han Chinese name, written whole in each script (surname first).
HAN_NAME = ("Ван Вэй", "Wang Wei", "ۋاڭ ۋېي", "王伟")
SCRIPT_PAIRS = [(0, 1), (1, 3), (2, 1), (2, 3), (0, 3), (0, 2)]
PLACES = ["Үрімші", "Ghulja", "Алматы", "喀什", "Қорғас", "Turpan", "ئۈرۈمچی", "Tacheng"]
RELATIONS = ["mother", "father", "sister", "brother", "wife", "husband", "daughter", "son"]
TAGS = ["camp", "prison", "missing", "released", "forced-labour", "urgent", "sentence",
        "family-separated", "passport-confiscated", "re-education"]
NOTES = [
    "Detained after returning from Kazakhstan; no contact with the family since.",
    "Отбасымен байланыс жоқ. Соңғы рет лагерьде көрген.",
    "家人没有收到任何通知。",
    "ئائىلىسى بىلەن ئالاقە ئۈزۈلدى.",
    "Sentenced without a trial; the family received no papers.",
]


def full_name(given: tuple | None, surname: tuple, script: int) -> str:
    """A name in one script: 0 Cyrillic, 1 Latin, 2 Uyghur Arabic, 3 Chinese."""
    if given is None:
        return HAN_NAME[script]
    if script == 3:  # minority names in Chinese: given·surname
        return f"{given[3]}·{surname[3]}"
    return f"{given[script]} {surname[script]}"


def build_catalogue(vault: Vault, n: int, seed: int = 7) -> None:
    """Add `n` testimonies (the same ones for the same seed) in one transaction."""
    rng = random.Random(seed)
    cat, items = vault.catalogue, vault.items
    with vault.transaction():
        for i in range(n):
            s_given, _ = rng.choice(GIVEN), rng.choice(SURNAMES)  # drawn to keep the same sequence
            d_given, d_sur = rng.choice(GIVEN), rng.choice(SURNAMES)
            if rng.random() < 0.05:
                d_given = None  # Wang Wei / 王伟
            a, b = rng.choice(SCRIPT_PAIRS)
            tid = cat.create_testimony(
                f"Appeal for {full_name(d_given, d_sur, 1)} ({i})",
                rng.choice(("public", "anonymous", "restricted")),
                recorded_at=f"20{rng.randint(18, 24)}-{rng.randint(1, 12):02d}-"
                            f"{rng.randint(1, 28):02d}")
            cat.update_testimony(tid, notes=rng.choice(NOTES), place=rng.choice(PLACES),
                                 language=rng.choice(("kk", "ug", "ru", "zh")),
                                 volunteer=f"volunteer {rng.randint(1, 40)}")
            sp = cat.add_person(tid, "speaker")
            cat.set_names(sp, [full_name(s_given, d_sur, rng.choice((0, 1, 2)))])
            cat.update_person(sp, relation=rng.choice(RELATIONS), contact="+7 701 000 00 00")
            dp = cat.add_person(tid, "detained")
            cat.set_names(dp, [full_name(d_given, d_sur, a), full_name(d_given, d_sur, b)])
            cat.update_person(dp, birth_year=rng.randint(1950, 2000),
                              hometown=rng.choice(PLACES), detention_place=rng.choice(PLACES),
                              detained_on=f"{rng.randint(2017, 2020)}")
            cat.set_tags(tid, rng.sample(TAGS, rng.randint(1, 3)))
            items.create(tid, "imported", state="complete", size=rng.randint(10, 900) * MiB,
                         sha256=f"{rng.getrandbits(256):064x}", media_type="video",
                         codec="h264", audio_codec="aac", width=1280, height=720,
                         duration=rng.uniform(60, 1800), original_name=f"appeal-{i}.mp4")
