from core.uploads import display_filename, guess_type, human_size

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_type_comes_from_the_bytes_not_the_name():
    assert guess_type(PDF) == ("application/pdf", "pdf")
    assert guess_type(PNG) == ("image/png", "png")
    assert guess_type(b"MZ\x90\x00" + b"\x00" * 60) != ("application/pdf", "pdf")


def test_plain_text_only_when_asked():
    text = "บันทึกเหตุการณ์".encode()
    assert guess_type(text) is None
    assert guess_type(text, text_ok=True) == ("text/plain", "txt")
    assert guess_type(b"\x00\x01binary", text_ok=True) is None
    # a Thai character cut at the end of the sample is still text
    assert guess_type(("ก" * 30000).encode()[:65535], text_ok=True) == ("text/plain", "txt")


def test_names_and_sizes_for_people():
    assert display_filename("C:\\Users\\a\\รายงาน.pdf") == "รายงาน.pdf"
    assert display_filename("../../etc/passwd") == "passwd"
    assert display_filename("", "ไฟล์หลักฐาน") == "ไฟล์หลักฐาน"
    assert human_size(3 * 1024 * 1024) == "3.0 MB" and human_size(10) == "1 KB"
