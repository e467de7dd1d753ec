"""A complete, clean annual report as text (L-SPACE layout), to edit one thing at a time in tests.

``clean_report(2024)`` follows the 30 format (〔2021〕30号), ``clean_report(2020)`` the 60 format
(〔2019〕60号). Both parse to a report on which every rule of the catalogue is silent; a rule test
changes one thing (``edit``) and asserts the one finding that appears.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

ORGAN = "银川市兴庆区掌政镇人民政府"

PROACTIVE_60 = """\
第二十条第（一）项
信息内容 本年新制作数量 本年新公开数量 对外公开总数量
规章 0 0 0
规范性文件 1 1 6
第二十条第（五）项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政许可 4 0 12
其他对外管理服务事项 5 -1 3
第二十条第（六）项
信息内容 上一年项目数量 本年增/减 处理决定数量
行政处罚 4 0 2
行政强制 3 0 0
第二十条第（八）项
信息内容 上一年项目数量 本年增/减
行政事业性收费 0 0
第二十条第（九）项
信息内容 采购项目数量 采购总金额
政府集中采购 2 40.5"""

PROACTIVE_30 = """\
第二十条第（一）项
信息内容 本年制发件数 本年废止件数 现行有效件数
规章 0 0 0
行政规范性文件 1 0 {in_force}
第二十条第（五）项
信息内容 本年处理决定数量
行政许可 12
第二十条第（六）项
信息内容 本年处理决定数量
行政处罚 2
行政强制 0
第二十条第（八）项
信息内容 本年收费金额（单位：万元）
行政事业性收费 0"""

APPLICATIONS_HEAD = """\
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
申请人情况
自然人 法人或其他组织 总计
商业企业 科研机构 社会公益组织 法律服务机构 其他"""

APPLICATIONS_TOP = """\
一、本年新收政府信息公开申请数量 2 1 0 0 0 0 3
二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
三、本年度办理结果
（一）予以公开 1 1 0 0 0 0 2
（二）部分公开（区分处理的，只计这一情形，不计其他情形） 1 0 0 0 0 0 1
（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0
2.其他法律行政法规禁止公开 0 0 0 0 0 0 0
3.危及“三安全一稳定” 0 0 0 0 0 0 0
4.保护第三方合法权益 0 0 0 0 0 0 0
5.属于三类内部事务信息 0 0 0 0 0 0 0
6.属于四类过程性信息 0 0 0 0 0 0 0
7.属于行政执法案卷 0 0 0 0 0 0 0
8.属于行政查询事项 0 0 0 0 0 0 0
（四）无法提供 1.本机关不掌握相关政府信息 0 0 0 0 0 0 0
2.没有现成信息需要另行制作 0 0 0 0 0 0 0
3.补正后申请内容仍不明确 0 0 0 0 0 0 0
（五）不予处理 1.信访举报投诉类申请 0 0 0 0 0 0 0
2.重复申请 0 0 0 0 0 0 0
3.要求提供公开出版物 0 0 0 0 0 0 0
4.无正当理由大量反复申请 0 0 0 0 0 0 0
5.要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0"""

OTHER_60 = "（六）其他处理 0 0 0 0 0 0 0"
OTHER_30 = """\
（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0
3.其他 0 0 0 0 0 0 0"""

APPLICATIONS_BOTTOM = """\
（七）总计 2 1 0 0 0 0 3
四、结转下年度继续办理 0 0 0 0 0 0 0"""

REVIEW = """\
行政复议 行政诉讼
结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉
结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计
0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"""


def notice(year: int) -> str:
    if year >= 2021:
        return (
            "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉"
            "的通知》（国办公开办函〔2021〕30号）"
        )
    return "《关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）"


def clean_lines(year: int = 2024, organ: str = ORGAN) -> list[str]:
    """The clean report, one list item per line (blank lines included)."""
    fmt30 = year >= 2021
    preamble = (
        f"根据《中华人民共和国政府信息公开条例》和{notice(year)}要求，现发布《{organ}{year}年政府信息公开工作年度报告》。"
        f"本报告所列数据的统计期限自{year}年1月1日至{year}年12月31日。"
        "本报告电子版可在兴庆区人民政府网站（http://www.xqq.gov.cn/）查阅或下载。"
        "如有疑问或意见建议，请与掌政镇人民政府综合办公室联系（地址：银川市兴庆区掌政镇人民政府3楼313室；"
        "邮编：750001；电话：0951-6121130；传真：0951-6121131；电子邮箱：zzzxx@163.com）。"
    )
    overview = [
        f"（一）主动公开。{year}年，掌政镇主动公开政府信息100条，其中，政府文件40条，工作动态60条。",
        f"（二）依申请公开。{year}年，共收到政府信息公开申请3件，予以公开2件，部分公开1件，0件结转下年度办理。"
        "没有因政府信息公开申请行政复议、提起行政诉讼的情况。",
        "（三）政府信息管理。严格执行保密审查制度，规范信息发布流程。",
        "（四）政府信息公开平台建设。加强政府网站和政务新媒体建设。",
        "（五）监督保障。将政务公开纳入年度考核，接受社会监督。",
    ]
    other = f"{year}年本机关未收取信息处理费。" if fmt30 else "无。"
    parts: list[str] = [
        organ,
        f"{year}年政府信息公开工作年度报告",
        "",
        preamble,
        "",
        "一、总体情况",
        "",
        *[line for p in overview for line in (p, "")],
        "二、主动公开政府信息情况",
        "",
        # one document issued a year since 2021: consecutive clean reports keep ACC009 silent
        PROACTIVE_30.replace("{in_force}", str(6 + year - 2021)) if fmt30 else PROACTIVE_60,
        "",
        "三、收到和处理政府信息公开申请情况",
        "",
        APPLICATIONS_HEAD,
        APPLICATIONS_TOP,
        OTHER_30 if fmt30 else OTHER_60,
        APPLICATIONS_BOTTOM,
        "",
        "四、政府信息公开行政复议、行政诉讼情况",
        "",
        REVIEW,
        "",
        "五、存在的主要问题及改进情况",
        "",
        "（一）存在问题。信息公开的及时性还需提高。",
        "",
        "（二）改进情况。健全信息发布机制，按时公开。",
        "",
        "六、其他需要报告的事项",
        "",
        other,
        "",
        organ,
        f"{year + 1}年1月20日",
    ]
    return "\n".join(parts).split("\n")


def clean_report(year: int = 2024, organ: str = ORGAN) -> str:
    return "\n".join(clean_lines(year, organ)) + "\n"


def edit(text: str, replacements: Iterable[Sequence[str]] = (), delete: Iterable[str] = ()) -> str:
    """Apply ``(old, new)`` replacements (each ``old`` must occur exactly once) and delete lines.

    ``delete`` removes every line that contains the given text (the line count changes, so
    locate findings with :func:`line_of` on the edited text, not on the clean one).
    """
    for old, new in replacements:
        count = text.count(old)
        if count != 1:
            raise ValueError(f"{old!r} occurs {count} times in the report; make it unique")
        text = text.replace(old, new)
    for needle in delete:
        lines = text.split("\n")
        kept = [line for line in lines if needle not in line]
        if len(kept) == len(lines):
            raise ValueError(f"no line contains {needle!r}")
        text = "\n".join(kept)
    return text


def line_of(text: str, needle: str) -> int:
    """1-based number of the only line containing ``needle``."""
    hits = [i for i, line in enumerate(text.split("\n"), start=1) if needle in line]
    if len(hits) != 1:
        raise ValueError(f"{needle!r} is on {len(hits)} lines; make it unique")
    return hits[0]
