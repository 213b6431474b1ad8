"""Checks that practice forms apply to what a learner types, the way the real VNeID and portal forms do.

A practice form is a rehearsal with the real rules: the 12-digit personal ID number is checked for its
structure (province code, century/sex digit, birth year), mobile numbers with libphonenumber's Vietnamese
rules, passwords with VNeID's rules, OTPs and passcodes for exactly six digits. A check never says "invalid"
alone: each problem is a key into ``content/ui/learn.yaml`` (``check.*``) plus the numbers that make the
message specific ("you typed 11 digits"), so the learner reads what went wrong and what to do, in their
language.

Why a practice ID must start with ``PRACTICE_PROVINCE_CODE``: the kit must never handle a real person's
number. Code 003 lies in a gap of the province table of Circular 07/2016/TT-BCA (Hà Nội 001, Hà Giang 002,
Cao Bằng 004 …) and is never issued, so a number starting with it has a valid structure yet cannot belong to
anyone. A number with a real province code is refused with a message asking the learner not to type their
own number. Nothing here stores or sends what it checks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from simkit.bilingual import Problem

PRACTICE_PROVINCE_CODE = "003"
"""The never-issued province code that every practice personal ID number starts with."""

PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang",
    "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái",
    "017": "Hòa Bình", "019": "Thái Nguyên", "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang",
    "025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định", "037": "Ninh Bình",
    "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị",
    "046": "Thừa Thiên Huế", "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định",
    "054": "Phú Yên", "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng", "070": "Bình Phước",
    "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai", "077": "Bà Rịa - Vũng Tàu",
    "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh",
    "086": "Vĩnh Long", "087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ",
    "093": "Hậu Giang", "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}  # fmt: skip
"""Birth-registration province codes (digits 1–3) of Circular 07/2016/TT-BCA, Appendix I: the 63 provinces
before the 2025 merger. Codes do not change when provinces merge, so these stay the codes on ID cards."""

_CENTURY_SEX = {0: (1900, "male"), 1: (1900, "female"), 2: (2000, "male"), 3: (2000, "female"),
                4: (2100, "male"), 5: (2100, "female"), 6: (2200, "male"), 7: (2200, "female"),
                8: (2300, "male"), 9: (2300, "female")}  # fmt: skip
"""Digit 4 of the personal ID number: the birth century and sex (Circular 07/2016, Appendix III)."""

PASSWORD_MIN, PASSWORD_MAX = 8, 20
PASSWORD_SPECIALS = "!@#$^*()-"
"""The special characters VNeID lists for passwords (Hà Nam Đề án 06 guide); others may be refused."""

PRACTICE_PHONE_PREFIX = "0900000"
"""Every phone number in the lessons is ``0900000`` and three digits. Vietnam has no reserved range of
fictional numbers (unlike the UK's drama numbers), so the kit uses one block that looks plainly made up,
labels every such number "SỐ GIẢ LẬP – KHÔNG GỌI", and never sends anything to it."""


def is_practice_phone(number: str) -> bool:
    """True for a number of the kit's simulated block (``0900000xxx``)."""
    return re.fullmatch(re.escape(PRACTICE_PHONE_PREFIX) + r"\d{3}", number) is not None


CODE_DIGITS = 6
"""OTPs and the VNeID passcode are exactly six digits."""

OLD_MOBILE_PREFIXES: dict[str, str] = {
    "0162": "032", "0163": "033", "0164": "034", "0165": "035", "0166": "036", "0167": "037",
    "0168": "038", "0169": "039", "0120": "070", "0121": "079", "0122": "077", "0126": "076",
    "0128": "078", "0123": "083", "0124": "084", "0125": "085", "0127": "081", "0129": "082",
    "0186": "056", "0188": "058", "0199": "059",
}  # fmt: skip
"""11-digit mobile prefixes converted to 10 digits between 15 Sep 2018 and 30 Jun 2019."""


@dataclass(frozen=True)
class Check:
    """The result of checking one value: the value as the form would keep it, and what is wrong with it."""

    value: str
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class PersonalId:
    """What the 12 digits of a personal ID number say about its holder."""

    province_code: str
    sex: str
    birth_year: int
    serial: str


def _fail(value: str, key: str, **params: str | int) -> Check:
    return Check(value, (Problem(key, dict(params)),))


def _squeeze(value: str) -> str:
    """Remove spaces, which people type to group digits ("003 190 000 123")."""
    return re.sub(r"\s+", "", value)


def decode_personal_id(number: str) -> PersonalId:
    """Split a 12-digit number into its parts; the number must already have passed the structure check."""
    century, sex = _CENTURY_SEX[int(number[3])]
    return PersonalId(number[:3], sex, century + int(number[4:6]), number[6:])


def check_personal_id(value: str, *, today: date | None = None, practice_only: bool = True) -> Check:
    """Check a personal ID number's structure; with ``practice_only`` it must use the practice code 003."""
    number = _squeeze(value)
    if not number.isdigit() or not number.isascii():
        return _fail(number, "check.personal_id.digits")
    if len(number) == 9:
        return _fail(number, "check.personal_id.old_nine_digits")
    if len(number) != 12:
        return _fail(number, "check.personal_id.length", count=len(number))
    code = number[:3]
    if code != PRACTICE_PROVINCE_CODE:
        if code in PROVINCE_CODES and practice_only:
            return _fail(number, "check.personal_id.real_code", code=code, practice=PRACTICE_PROVINCE_CODE)
        if code not in PROVINCE_CODES:
            return _fail(number, "check.personal_id.unknown_code", code=code, practice=PRACTICE_PROVINCE_CODE)
    if int(number[3]) > 3:
        return _fail(number, "check.personal_id.century", digit=number[3])
    year = decode_personal_id(number).birth_year
    if year > (today or date.today()).year:
        return _fail(number, "check.personal_id.future_year", year=year)
    return Check(number)


def check_phone(value: str) -> Check:
    """Check a Vietnamese mobile number (``0912345678`` or ``+84912345678``) with libphonenumber's rules."""
    import phonenumbers  # here, not at the top: a workshop kernel loads it only when a phone field is checked

    text = value.strip()
    if re.search(r"[^\d\s.+()-]", text):
        return _fail(text, "check.phone.characters")
    digits = re.sub(r"\D", "", text)
    if text.startswith("+84") or (digits.startswith("84") and len(digits) in (11, 12)):
        digits = "0" + digits[2:]
    if len(digits) == 11 and digits[:4] in OLD_MOBILE_PREFIXES:
        new = OLD_MOBILE_PREFIXES[digits[:4]] + digits[4:]
        return _fail(digits, "check.phone.old_prefix", new=new)
    try:
        number = phonenumbers.parse(digits, "VN")
    except phonenumbers.NumberParseException:
        return _fail(digits, "check.phone.invalid")
    national = "0" + str(number.national_number)
    if phonenumbers.is_valid_number(number):
        kind = phonenumbers.number_type(number)
        if kind == phonenumbers.PhoneNumberType.MOBILE:
            return Check(national)
        if kind == phonenumbers.PhoneNumberType.FIXED_LINE:
            return _fail(national, "check.phone.landline")
    if len(digits) != 10:
        return _fail(digits, "check.phone.length", count=len(digits))
    return _fail(digits, "check.phone.invalid")


def check_password(value: str) -> Check:
    """Every VNeID password rule the value breaks (all of them, so the learner can fix them at once)."""
    problems: list[Problem] = []
    if not PASSWORD_MIN <= len(value) <= PASSWORD_MAX:
        problems.append(
            Problem("check.password.length", {"min": PASSWORD_MIN, "max": PASSWORD_MAX, "count": len(value)})
        )
    if any(ch.isspace() for ch in value):
        problems.append(Problem("check.password.space"))
    if any(ch.isalpha() and not ch.isascii() for ch in value):
        problems.append(Problem("check.password.accents"))
    if not any("A" <= ch <= "Z" for ch in value):
        problems.append(Problem("check.password.upper"))
    if not any("a" <= ch <= "z" for ch in value):
        problems.append(Problem("check.password.lower"))
    if not any(ch.isdigit() and ch.isascii() for ch in value):
        problems.append(Problem("check.password.digit"))
    others = sorted(
        {ch for ch in value if not ch.isalnum() and not ch.isspace() and ch not in PASSWORD_SPECIALS}
    )
    if others:
        problems.append(
            Problem(
                "check.password.other_special",
                {"chars": " ".join(others), "allowed": " ".join(PASSWORD_SPECIALS)},
            )
        )
    elif not any(ch in PASSWORD_SPECIALS for ch in value):
        problems.append(Problem("check.password.special", {"allowed": " ".join(PASSWORD_SPECIALS)}))
    return Check(value, tuple(problems))


def _check_code(value: str, kind: str) -> Check:
    code = _squeeze(value)
    if not code.isdigit() or not code.isascii():
        return _fail(code, f"check.{kind}.digits")
    if len(code) != CODE_DIGITS:
        return _fail(code, f"check.{kind}.length", count=len(code), expected=CODE_DIGITS)
    return Check(code)


def check_otp(value: str) -> Check:
    """A one-time code from an SMS: exactly six digits."""
    return _check_code(value, "otp")


def check_passcode(value: str) -> Check:
    """The VNeID passcode (mật mã): exactly six digits."""
    return _check_code(value, "passcode")


def check_date(value: str, *, today: date | None = None, allow_future: bool = False) -> Check:
    """A date written day/month/year (``05/03/1962``), real, and not in the future unless allowed."""
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value.strip())
    if not match:
        return _fail(value.strip(), "check.date.format")
    day, month, year = (int(part) for part in match.groups())
    try:
        typed = date(year, month, day)
    except ValueError:
        return _fail(value.strip(), "check.date.invalid")
    if not allow_future and typed > (today or date.today()):
        return _fail(value.strip(), "check.date.future")
    return Check(typed.strftime("%d/%m/%Y"))


def parse_date(text: str) -> date:
    """``"05/03/1962"`` → ``date(1962, 3, 5)``; the text must have passed ``check_date``."""
    day, month, year = (int(part) for part in text.split("/"))
    return date(year, month, day)


def check_email(value: str) -> Check:
    """An e-mail address of the usual shape ``name@domain.vn``."""
    text = value.strip()
    if not re.fullmatch(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)*\.[A-Za-z]{2,}", text):
        return _fail(text, "check.email.format")
    return Check(text)


def check_health_insurance(value: str) -> Check:
    """A BHYT (health-insurance) card number: 10 digits, or 2 letters, a digit 1–5 and 12 digits."""
    text = _squeeze(value).upper()
    if re.fullmatch(r"\d{10}", text) or re.fullmatch(r"[A-Z]{2}[1-5]\d{12}", text):
        return Check(text)
    return _fail(text, "check.health_insurance.format")


def check_text(value: str) -> Check:
    """Free text such as a name or an answer: anything but blank, at most 200 characters."""
    text = unicodedata.normalize("NFC", value.strip())
    if len(text) > 200:
        return _fail(text, "check.text.too_long", max=200)
    return Check(text)


CHECKS = {
    "personal_id": check_personal_id,
    "phone": check_phone,
    "password": check_password,
    "otp": check_otp,
    "passcode": check_passcode,
    "date": check_date,
    "email": check_email,
    "health_insurance": check_health_insurance,
    "text": check_text,
}
"""Typed-value checks by field kind; ``choice`` and ``checkbox`` fields are checked by the flow itself."""
