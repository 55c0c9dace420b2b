"""A starter list of synonyms editors can change in the admin (Search > Synonyms).

Common abbreviations, colloquial names and English terms for procedures
handled at a provincial centre.
"""

from django.db import migrations

STARTER = [
    ("sổ đỏ, sổ hồng, giấy chứng nhận quyền sử dụng đất", "colloquial names of the land-use certificate"),
    ("CMND, CCCD, căn cước, căn cước công dân, chứng minh nhân dân", "identity cards"),
    ("ĐKKD, đăng ký kinh doanh, giấy phép kinh doanh", "business registration"),
    ("giấy phép xây dựng, cấp phép xây dựng, GPXD, xin phép xây dựng", "building permit"),
    ("hộ khẩu, thường trú, đăng ký thường trú", "permanent residence"),
    ("tạm trú, đăng ký tạm trú", "temporary residence"),
    ("bằng lái, bằng lái xe, giấy phép lái xe, GPLX", "driving licence"),
    ("TNHH, trách nhiệm hữu hạn", "limited liability company"),
    ("1 thành viên, một thành viên", ""),
    ("2 thành viên, hai thành viên", ""),
    ("CTCP, công ty cổ phần", "joint-stock company"),
    ("DNTN, doanh nghiệp tư nhân", "private enterprise"),
    ("mở công ty, thành lập công ty, thành lập doanh nghiệp", ""),
    ("quán ăn, nhà hàng, dịch vụ ăn uống", "restaurants"),
    ("ATTP, an toàn thực phẩm, vệ sinh an toàn thực phẩm", "food safety"),
    ("nhà thuốc, hiệu thuốc, quầy thuốc, bán lẻ thuốc", "pharmacies"),
    ("PCCC, phòng cháy chữa cháy, phòng cháy và chữa cháy", "fire safety"),
    ("LLTP, lý lịch tư pháp", "criminal record certificate"),
    ("BHTN, bảo hiểm thất nghiệp, trợ cấp thất nghiệp", "unemployment benefit"),
    ("công chứng, chứng thực, sao y", "certified copies"),
    ("cưới, kết hôn", "marriage"),
    ("hộ chiếu, passport", "passport"),
    ("work permit, giấy phép lao động, GPLĐ", "work permit"),
    ("investment registration certificate, IRC, giấy chứng nhận đăng ký đầu tư", "investment"),
    ("investment policy, chủ trương đầu tư", "investment policy approval"),
    ("environmental permit, giấy phép môi trường, GPMT", "environment"),
    ("business registration, đăng ký kinh doanh, đăng ký doanh nghiệp", "English"),
    ("birth registration, đăng ký khai sinh, khai sinh", "English"),
    ("marriage registration, đăng ký kết hôn", "English"),
    ("building permit, construction permit, giấy phép xây dựng", "English"),
    ("criminal record, lý lịch tư pháp", "English"),
    ("driving licence, driving license, driver license, giấy phép lái xe", "English"),
    ("land use right certificate, giấy chứng nhận quyền sử dụng đất", "English"),
    ("fire safety, phòng cháy chữa cháy", "English"),
    ("food safety, an toàn thực phẩm", "English"),
    ("tour operator, travel agency, lữ hành", "English"),
]


def add_starter(apps, schema_editor):
    SearchSynonym = apps.get_model("portal_search", "SearchSynonym")
    for terms, note in STARTER:
        SearchSynonym.objects.get_or_create(terms=terms, defaults={"note": note})


def remove_starter(apps, schema_editor):
    SearchSynonym = apps.get_model("portal_search", "SearchSynonym")
    SearchSynonym.objects.filter(terms__in=[terms for terms, _ in STARTER]).delete()


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_initial")]

    operations = [migrations.RunPython(add_starter, remove_starter)]
