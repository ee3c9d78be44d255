using System.Globalization;
using OneGo.Domain.Catalog;

namespace OneGo.Web.Features.Guidance;

/// <summary>The words the public pages use for catalog values.</summary>
public static class GuideText
{
    private static readonly string[] Weekdays = ["日", "一", "二", "三", "四", "五", "六"];

    public static string Category(BundleCategory category) => category switch
    {
        BundleCategory.Personal => "个人服务 · 人生大事",
        BundleCategory.Enterprise => "企业服务 · 全生命周期",
        _ => category.ToString(),
    };

    public static string MatterType(MatterType type) => type switch
    {
        Domain.Catalog.MatterType.AdministrativeLicense => "行政许可",
        Domain.Catalog.MatterType.AdministrativeConfirmation => "行政确认",
        Domain.Catalog.MatterType.AdministrativePayment => "行政给付",
        Domain.Catalog.MatterType.AdministrativeAdjudication => "行政裁决",
        Domain.Catalog.MatterType.AdministrativeReward => "行政奖励",
        Domain.Catalog.MatterType.OtherAdministrativePower => "其他行政权力",
        Domain.Catalog.MatterType.PublicService => "公共服务",
        _ => type.ToString(),
    };

    public static string Necessity(Necessity necessity) => necessity switch
    {
        Domain.Catalog.Necessity.Required => "必要",
        Domain.Catalog.Necessity.Optional => "非必要",
        Domain.Catalog.Necessity.Tolerable => "可容缺后补",
        _ => necessity.ToString(),
    };

    public static string Form(MaterialForm form, int count) => form switch
    {
        MaterialForm.Original => $"原件{count}份",
        MaterialForm.Copy => $"复印件{count}份",
        MaterialForm.Electronic => "电子材料",
        MaterialForm.OriginalAndCopy => $"原件及复印件各{count}份",
        _ => form.ToString(),
    };

    /// <summary>2026年9月30日（周三）</summary>
    public static string Date(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日（周{Weekdays[(int)date.DayOfWeek]}）");

    public static string Trips(int trips) => trips == 0 ? "0次（全程网办）" : $"{trips}次";

    public static string Fees(IReadOnlyList<string> fees) => fees.Count == 0 ? "不收费" : string.Join("；", fees);
}
