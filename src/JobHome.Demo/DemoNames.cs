namespace JobHome.Demo;

/// <summary>Syllable tables for synthetic Chinese person, place and company names.</summary>
public static class DemoNames
{
    private static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
        "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蔡", "钟", "廖",
    ];

    private static readonly string[] GivenChars =
    [
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
        "刚", "桂", "英", "华", "文", "辉", "建", "兰", "玉", "红", "春", "海", "林", "鹏", "斌", "宇", "浩", "婷", "欣", "凯",
    ];

    private static readonly string[] PlaceFirst =
    [
        "东", "西", "南", "北", "上", "下", "新", "长", "石", "桥", "龙", "凤", "金", "银", "黄", "青", "白", "高", "双", "大",
        "小", "梅", "桃", "竹", "松", "云", "田", "坪", "塘", "岭",
    ];

    private static readonly string[] PlaceSecond =
    [
        "坑", "塘", "岭", "坪", "田", "溪", "江", "山", "口", "湖", "桥", "岗", "源", "洲", "陂", "圳", "墩", "寨", "峰", "丰",
        "安", "和", "兴", "福", "平", "华", "阳", "林", "水", "村",
    ];

    private static readonly string[] CompanyWords = ["恒达", "鑫源", "赣南", "众诚", "华宇", "佳美", "瑞丰", "宏图", "新锐", "盛世", "德茂", "天成"];

    private static readonly string[] CompanyTrades =
    [
        "电子科技有限公司", "食品有限公司", "服装有限公司", "物流有限公司", "建筑工程有限公司", "农业开发有限公司",
        "家政服务有限公司", "机械制造有限公司", "商贸有限公司", "养老服务中心", "餐饮管理有限公司", "脐橙专业合作社",
    ];

    /// <summary>A synthetic person name: surname plus one or two given characters.</summary>
    public static string Person(DemoRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var name = rng.Pick(Surnames) + rng.Pick(GivenChars);
        return rng.Chance(0.7) ? name + rng.Pick(GivenChars) : name;
    }

    /// <summary>A two-character synthetic place stem (e.g. 石坪).</summary>
    public static string Place(DemoRandom rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return rng.Pick(PlaceFirst) + rng.Pick(PlaceSecond);
    }

    /// <summary>
    /// A two-character place stem distinct for every index below 900 (a fixed permutation of all stem pairs),
    /// so generated counties and cities do not share names; larger indices get a numeric suffix.
    /// </summary>
    public static string PlaceByIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var size = PlaceFirst.Length * PlaceSecond.Length;
        var p = (int)((index % size) * 373L % size);
        var a = p % PlaceFirst.Length;
        var b = ((p / PlaceFirst.Length) + (11 * a)) % PlaceSecond.Length;
        var stem = PlaceFirst[a] + PlaceSecond[b];
        return index < size ? stem : stem + (index / size).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A synthetic company name with a place prefix.</summary>
    public static string Company(DemoRandom rng, string place)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return place + rng.Pick(CompanyWords) + rng.Pick(CompanyTrades);
    }
}
