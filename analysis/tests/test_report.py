"""The report of the real run: every figure written and referenced, tables present."""
import re
import struct

from agentspines_analysis.report import build_report


def test_report_of_the_real_run(run_dir, tmp_path):
    index = build_report([run_dir], tmp_path / "report")
    text = index.read_text()
    images = re.findall(r'<img src="([^"]+)"', text)
    assert len(images) >= 4, images
    for name in images:
        data = (tmp_path / "report" / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", data[16:24])
        assert width > 300 and height > 200
    assert "Published targets vs simulation" in text
    assert "Formation and elimination per interval" in text
    for name in re.findall(r'<a href="([^"]+\.csv)"', text):
        assert (tmp_path / "report" / name).stat().st_size > 0
