import datetime

import pytest
from stdnum.cn import ric

from domain.approvals.errors import ApprovalErrorCode
from domain.errors import DomainError
from domain.identity import (
    birth_date_of_resident_id,
    gender_of_resident_id,
    make_resident_id,
    mask_phone,
    mask_resident_id,
    normalize_credit_code,
    normalize_mobile,
    normalize_name,
    normalize_resident_id,
)

VALID_RESIDENT_ID = "11010519491231002X"
VALID_CREDIT_CODE = "91110108551385082Q"


@pytest.mark.parametrize(
    "raw",
    [
        "11010519491231002X",
        "11010519491231002x",
        "１１０１０５１９４９１２３１００２ｘ",
        "１１０１０５１９４９１２３１００２Ｘ",
        "  110105 19491231 002X  ",
        "110105\u300019491231\u3000002x",
        "\t11010519491231002X\n",
    ],
)
def test_resident_id_messy_forms_accepted(raw: str) -> None:
    assert normalize_resident_id(raw, "applicant.residentId") == VALID_RESIDENT_ID


def test_resident_id_address_code_newer_than_birth() -> None:
    # stdnum 2.2 lists 330802 (Kecheng District, Quzhou) from 1985, so its ric.validate()
    # rejects this real-world pattern for anyone born earlier.
    assert not ric.is_valid("330802195005010319")
    assert normalize_resident_id("330802195005010319", "f") == "330802195005010319"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("11010519491231002", "length"),
        ("110105194912310021X", "length"),
        ("110105491231002", "length"),
        ("不详", "length"),
        ("1101051949123100AX", "characters"),
        ("11010519491231002Y", "characters"),
        ("110105194912310021", "checksum"),
        ("11010519491231002１", "checksum"),
        # The next two carry a correct check character for an impossible date.
        ("110105194902300020", "birth_date"),
        ("110105194913010029", "birth_date"),
    ],
)
def test_resident_id_rejection_reasons(raw: str, reason: str) -> None:
    with pytest.raises(DomainError) as caught:
        normalize_resident_id(raw, "applicant.residentId")

    assert caught.value.code == ApprovalErrorCode.INVALID_RESIDENT_ID
    assert caught.value.field == "applicant.residentId"
    assert caught.value.params["reason"] == reason
    assert caught.value.params["value"] == raw


def test_resident_id_future_birth_rejected() -> None:
    with pytest.raises(DomainError) as caught:
        normalize_resident_id("11010520300101001X", "f", today=datetime.date(2025, 6, 1))

    assert caught.value.params["reason"] == "birth_date"


def test_resident_id_birth_today_accepted() -> None:
    today = datetime.date(2025, 6, 1)
    number = make_resident_id("110105", today, 1)

    assert normalize_resident_id(number, "f", today=today) == number


def test_rejected_value_truncated_to_40() -> None:
    raw = "1" * 100

    with pytest.raises(DomainError) as caught:
        normalize_resident_id(raw, "f")

    assert caught.value.params["value"] == "1" * 40


@pytest.mark.parametrize(
    "raw",
    [
        "91110108551385082Q",
        "91110108551385082q",
        "９１１１０１０８５５１３８５０８２Ｑ",
        " 9111 0108 5513 8508 2Q ",
        "91110108-551385082-Q",
    ],
)
def test_credit_code_messy_forms_accepted(raw: str) -> None:
    assert normalize_credit_code(raw, "builder.creditCode") == VALID_CREDIT_CODE


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "empty"),
        (" - ", "empty"),
        ("9111010855138508", "length"),
        ("91110108551385082QQ", "length"),
        ("9A110108551385082Q", "characters"),
        ("91110108551385O82Q", "characters"),
        ("91110108551385082I", "characters"),
        ("91110108统一社会信用代码号码", "characters"),
        ("91110108551385082R", "checksum"),
    ],
)
def test_credit_code_rejection_reasons(raw: str, reason: str) -> None:
    with pytest.raises(DomainError) as caught:
        normalize_credit_code(raw, "builder.creditCode")

    assert caught.value.code == ApprovalErrorCode.INVALID_CREDIT_CODE
    assert caught.value.field == "builder.creditCode"
    assert caught.value.params["reason"] == reason
    assert caught.value.params["value"] == raw


@pytest.mark.parametrize(
    "raw",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "138–1234–5678",
        "１３８１２３４５６７８",
        "+8613812345678",
        "+86 138 1234 5678",
        "+86-138-1234-5678",
        "＋８６ １３８１２３４５６７８",
        "8613812345678",
        "008613812345678",
        "0086 138 1234 5678",
    ],
)
def test_mobile_prefixes_and_separators_accepted(raw: str) -> None:
    assert normalize_mobile(raw, "applicant.mobile") == "13812345678"


@pytest.mark.parametrize("first_two", ["13", "14", "15", "16", "17", "18", "19"])
def test_mobile_network_prefixes_accepted(first_two: str) -> None:
    number = first_two + "912345678"

    assert normalize_mobile(number, "f") == number


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "empty"),
        (" - ", "empty"),
        ("138abcd5678", "characters"),
        ("138.1234.5678", "characters"),
        ("(+86)13812345678", "characters"),
        ("138+12345678", "characters"),
        ("+1 415 555 2671", "country_code"),
        ("+0086 13812345678", "country_code"),
        ("1381234567", "length"),
        ("138123456789", "length"),
        ("+86 1381234567", "length"),
        ("12812345678", "prefix"),
        ("05701234567", "prefix"),
        ("8612812345678", "prefix"),
    ],
)
def test_mobile_rejection_reasons(raw: str, reason: str) -> None:
    with pytest.raises(DomainError) as caught:
        normalize_mobile(raw, "applicant.mobile")

    assert caught.value.code == ApprovalErrorCode.INVALID_MOBILE
    assert caught.value.field == "applicant.mobile"
    assert caught.value.params["reason"] == reason
    assert caught.value.params["value"] == raw


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("张三", "张三"),
        ("  张  三 ", "张 三"),
        ("张\u3000三", "张 三"),
        ("李〇", "李〇"),
        ("Jose\u0301", "Jos\u00e9"),
        ("阿卜杜拉·买买提", "阿卜杜拉·买买提"),
        ("阿卜杜拉.买买提", "阿卜杜拉·买买提"),
        ("阿卜杜拉・买买提", "阿卜杜拉·买买提"),
        ("阿卜杜拉•买买提", "阿卜杜拉·买买提"),
        ("阿卜杜拉 · 买买提", "阿卜杜拉·买买提"),
        ("张" * 64, "张" * 64),
    ],
)
def test_name_normalized_forms(raw: str, expected: str) -> None:
    assert normalize_name(raw, "applicant.name") == expected


@pytest.mark.parametrize("raw", ["王𠀾", "𪚥", "陈𬱖", "𠀾·买买提"])
def test_name_keeps_non_bmp_characters(raw: str) -> None:
    name = normalize_name(raw, "applicant.name")

    assert name == raw
    assert any(ord(character) > 0xFFFF for character in name)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("", "empty"),
        (" \u3000\t", "empty"),
        ("张" * 65, "length"),
        ("张三1", "digits"),
        ("张三３", "digits"),
        ("张\u0000三", "control_character"),
        ("张\u200b三", "control_character"),
        ("张\ue000", "private_use"),
        ("张三!", "characters"),
        ("张三@", "characters"),
        ("张三😀", "characters"),
        ("·张三", "middle_dot"),
        ("张三·", "middle_dot"),
        ("阿··买", "middle_dot"),
    ],
)
def test_name_rejection_reasons(raw: str, reason: str) -> None:
    with pytest.raises(DomainError) as caught:
        normalize_name(raw, "applicant.name")

    assert caught.value.code == ApprovalErrorCode.INVALID_NAME
    assert caught.value.field == "applicant.name"
    assert caught.value.params["reason"] == reason
    assert caught.value.params["value"] == raw[:40]


def test_name_too_long_reports_maximum() -> None:
    with pytest.raises(DomainError) as caught:
        normalize_name("张" * 65, "applicant.name")

    assert caught.value.params["max_length"] == 64


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("11010519491231002X", "1****************X"),
        ("330802195005010319", "3****************9"),
        ("abc", "a*c"),
        ("ab", "**"),
        ("a", "*"),
        ("", ""),
    ],
)
def test_mask_resident_id_cases(value: str, expected: str) -> None:
    assert mask_resident_id(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13812345678", "138****5678"),
        ("12345678", "123*5678"),
        ("1234567", "*******"),
        ("", ""),
    ],
)
def test_mask_phone_cases(value: str, expected: str) -> None:
    assert mask_phone(value) == expected


@pytest.mark.parametrize(
    ("address_code", "birth", "sequence", "gender"),
    [
        ("110105", datetime.date(1949, 12, 31), 1, "male"),
        ("110105", datetime.date(1949, 12, 31), 2, "female"),
        ("110105", datetime.date(2000, 2, 29), 999, "male"),
        ("110105", datetime.date(1985, 7, 1), 0, "female"),
        ("330802", datetime.date(1990, 1, 1), 123, "male"),
        ("330803", datetime.date(2010, 10, 10), 456, "female"),
    ],
)
def test_synthetic_ids_validate_with_stdnum(
    address_code: str, birth: datetime.date, sequence: int, gender: str
) -> None:
    number = make_resident_id(address_code, birth, sequence)

    assert len(number) == 18
    assert ric.validate(number) == number
    assert normalize_resident_id(number, "f") == number
    assert gender_of_resident_id(number) == gender
    assert birth_date_of_resident_id(number) == birth


def test_synthetic_id_matches_known_number() -> None:
    number = make_resident_id("110105", datetime.date(1949, 12, 31), 2)

    assert number == VALID_RESIDENT_ID


@pytest.mark.parametrize(
    ("address_code", "sequence", "message"),
    [
        ("11010", 1, "address_code"),
        ("1101055", 1, "address_code"),
        ("11010a", 1, "address_code"),
        ("１１０１０５", 1, "address_code"),
        ("110105", -1, "sequence"),
        ("110105", 1000, "sequence"),
    ],
)
def test_synthetic_id_bad_arguments_rejected(address_code: str, sequence: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make_resident_id(address_code, datetime.date(1990, 1, 1), sequence)


def test_gender_of_female_id() -> None:
    assert gender_of_resident_id(VALID_RESIDENT_ID) == "female"


def test_birth_date_of_known_id() -> None:
    assert birth_date_of_resident_id(VALID_RESIDENT_ID) == datetime.date(1949, 12, 31)


@pytest.mark.parametrize("value", ["", "1101051949123100", "1101051949123100AX"])
def test_gender_of_malformed_id_rejected(value: str) -> None:
    with pytest.raises(ValueError, match="expected 17 digits"):
        gender_of_resident_id(value)


def test_birth_date_of_impossible_date_rejected() -> None:
    with pytest.raises(ValueError, match="invalid birth date"):
        birth_date_of_resident_id("110105194902300020")


def test_helper_errors_mask_the_number() -> None:
    with pytest.raises(ValueError, match=r"1\*+0") as caught:
        birth_date_of_resident_id("110105194902300020")

    assert "110105194902300020" not in str(caught.value)
