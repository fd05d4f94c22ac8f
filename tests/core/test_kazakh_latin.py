"""Kazakh Latin (2021) from Cyrillic: the alphabet's letters, capitals, placeholders, search."""

from __future__ import annotations

import pytest

from core.i18n.kazakh_latin import LOWER, UPPER, to_kazakh_latin
from storage.translit import phonetic_key, to_latin, words

ALPHABET_2021 = set("AÄBDEFGĞHIİJKLMNÑOÖPQRSŞTUŪÜVYZ" "aäbdefgğhıijklmnñoöpqrsştuūüvyz")
DIGRAPHS = {"Ch", "ch", "CH"}  # ч of Russian loanwords: the alphabet's table writes it "Ch"


def test_a_known_text_comes_out_as_the_alphabet_writes_it():
    # the transliteration of a 1902 text, as published with the 2021 alphabet
    assert to_kazakh_latin("Бұрыңғы өткен заманда, бір данышпан кісі, Бағдат шаһарының "
                           "бір үлкен қазысының үйіне келіп қоныпты.") == (
        "Būryñğy ötken zamanda, bır danyşpan kısı, Bağdat şaharynyñ bır ülken qazysynyñ "
        "üiıne kelıp qonypty.")
    assert to_kazakh_latin("Қазақстан Республикасы") == "Qazaqstan Respublikasy"


def test_only_letters_of_the_alphabet_come_out():
    kazakh = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
    out = to_kazakh_latin(kazakh + kazakh.upper())
    for digraph in DIGRAPHS:
        out = out.replace(digraph, "")
    assert set(out) <= ALPHABET_2021, set(out) - ALPHABET_2021
    assert set(LOWER) == set(kazakh) and {c.lower() for c in UPPER} == set(kazakh)


@pytest.mark.parametrize("cyrillic, latin", [
    ("Іле", "Ile"), ("іс", "ıs"), ("Ы", "Y"), ("Иә", "İä"), ("ИӘ", "İÄ"),
    ("Чай", "Chai"), ("ЧАЙ", "CHAİ"), ("Щ", "Şş"), ("Юлия", "Iuliia"), ("Ь", ""),
])
def test_capitals_and_two_letter_spellings(cyrillic, latin):
    assert to_kazakh_latin(cyrillic) == latin


def test_placeholders_markup_and_other_scripts_stay():
    text = "{n} куәлік, <b>%n</b> файл &amp; Kua — 王伟 ئامبار {name:>3}"
    assert to_kazakh_latin(text) == "{n} kuälık, <b>%n</b> fail &amp; Kua — 王伟 ئامبار {name:>3}"


@pytest.mark.parametrize("name", ["Байжанов Нұрлан", "Тұрсынбеков Ерлан", "Қасымқызы Жанаргүл",
                                  "Әлихан Бөкейхан", "Шоқан Уәлиханов", "Мұхтар Әуезов",
                                  "Ғалия Жұмабекова", "Іңкәр Сейітқали", "Хадиша Һидаятова"])
def test_a_name_in_the_latin_alphabet_finds_the_cyrillic_one(name):
    """The search (storage/translit.py) reads the 2021 letters: one alphabet for both."""
    def keys(text):
        return [phonetic_key(to_latin(w)) for w in words(text)]
    assert keys(to_kazakh_latin(name)) == keys(name)
