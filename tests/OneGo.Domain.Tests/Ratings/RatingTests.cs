using OneGo.Domain.Cases;
using OneGo.Domain.Ratings;
using OneGo.Domain.Tests.Calendar;
using static OneGo.Domain.Tests.Ratings.RatingFixtures;

namespace OneGo.Domain.Tests.Ratings;

public sealed class RatingTests
{
    private static readonly OneGo.Domain.Calendar.WorkCalendar Calendar = OfficialCalendars.Build();

    [Theory]
    [InlineData(RatingLevel.VerySatisfied, "非常满意", false, 5)]
    [InlineData(RatingLevel.Satisfied, "满意", false, 4)]
    [InlineData(RatingLevel.Basic, "基本满意", false, 3)]
    [InlineData(RatingLevel.Dissatisfied, "不满意", true, 2)]
    [InlineData(RatingLevel.VeryDissatisfied, "非常不满意", true, 1)]
    public void Levels_have_Chinese_labels_and_the_last_two_are_bad_reviews(RatingLevel level, string label, bool bad, int score)
    {
        Assert.Equal(label, level.Label());
        Assert.Equal(bad, level.IsBad());
        Assert.Equal(score, level.Score());
        Assert.True(RatingLevels.TryParse(label, out var byLabel));
        Assert.Equal(level, byLabel);
        Assert.True(RatingLevels.TryParse(level.ToString().ToUpperInvariant(), out var byCode));
        Assert.Equal(level, byCode);
    }

    [Theory]
    [InlineData(FilingChannel.Online, RatingChannel.Online, "总体满意度,办事效率,办事指南准确性,办事便捷程度,平台易用性")]
    [InlineData(FilingChannel.Window, RatingChannel.Window, "总体满意度,办事效率,服务水平,服务态度")]
    [InlineData(FilingChannel.Assistant, RatingChannel.Window, "总体满意度,办事效率,服务水平,服务态度")]
    public void The_filing_channel_decides_the_indicators(FilingChannel filing, RatingChannel channel, string labels)
    {
        Assert.Equal(channel, RatingIndicators.ChannelOf(filing));
        Assert.Equal(labels, string.Join(",", RatingIndicators.For(channel).Select(i => i.Label())));
    }

    [Fact]
    public void A_matter_rating_answers_to_the_matters_department_and_is_noted_on_the_timeline()
    {
        var c = Completed(Calendar);
        var rating = BadMatterRating(c);

        Assert.Equal(1L, rating.TaskId);
        Assert.Equal("task:1", rating.Subject);
        Assert.Equal("xg-health", rating.DepartmentCode);
        Assert.Equal(RatingChannel.Online, rating.Channel);
        Assert.True(rating.IsBad);
        Assert.True(rating.CountsInStatistics);
        Assert.Equal([new ResponsibleDepartment("xg-health", "xg-health部门")], rating.ResponsibleDepartments(c));
        var noted = c.NewEvents[^1];
        Assert.Equal(CaseEventKind.Rated, noted.Kind);
        Assert.Contains("非常不满意", noted.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_whole_case_rating_answers_to_the_lead_department_or_else_every_department_of_the_case()
    {
        var c = Completed(Calendar);
        var scores = Scores(RatingChannel.Online, RatingLevel.Dissatisfied);
        var led = Rating.Submit(c, null, RatingLevel.Dissatisfied, scores, "等待太久", [], Lead, Applicant, Thursday);
        Assert.Equal(Rating.CaseSubject, led.Subject);
        Assert.Equal([Lead], led.ResponsibleDepartments(c));

        var unled = Rating.Submit(c, null, RatingLevel.Dissatisfied, scores, "等待太久", [], null, Applicant, Thursday);
        Assert.Equal(["xg-health", "xg-police"], unled.ResponsibleDepartments(c).Select(d => d.Code));
    }

    [Fact]
    public void Window_cases_are_rated_with_the_window_indicators()
    {
        var c = Completed(Calendar, FilingChannel.Window);
        var rating = Rating.Submit(c, null, RatingLevel.Satisfied, Scores(RatingChannel.Window, RatingLevel.Satisfied), null, [], Lead, Applicant, Thursday);
        Assert.Equal(RatingChannel.Window, rating.Channel);
        Assert.Equal(4, rating.Scores.Count);
        Assert.Equal(string.Empty, rating.Comment);
    }

    [Fact]
    public void Only_closed_cases_can_be_rated()
    {
        var open = Accepted(Calendar);
        var broken = Assert.Throws<CaseRuleException>(() => Rating.Submit(open, null, RatingLevel.Satisfied, Scores(RatingChannel.Online, RatingLevel.Satisfied), null, [], Lead, Applicant, Thursday));
        Assert.Equal("not-completed", broken.Code);
        Assert.Equal(RuleKind.Conflict, broken.Kind);
        Assert.Contains("办结后才能评价", broken.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_and_each_matter_are_rated_once()
    {
        var c = Completed(Calendar);
        var first = BadMatterRating(c);
        var again = Assert.Throws<CaseRuleException>(() => Rating.Submit(c, 1, RatingLevel.Satisfied, Scores(RatingChannel.Online, RatingLevel.Satisfied), null, [first], Lead, Applicant, Thursday));
        Assert.Equal("already-rated", again.Code);
        Assert.Equal(RuleKind.Conflict, again.Kind);
        // The other matter and the case as a whole are still open to rating.
        Rating.Submit(c, 2, RatingLevel.Satisfied, Scores(RatingChannel.Online, RatingLevel.Satisfied), null, [first], Lead, Applicant, Thursday);
        Rating.Submit(c, null, RatingLevel.Satisfied, Scores(RatingChannel.Online, RatingLevel.Satisfied), null, [first], Lead, Applicant, Thursday);
    }

    public static TheoryData<string, string, string> BadInput() => new()
    {
        { "missing", "indicator-missing", "请为以下指标评分：平台易用性" },
        { "foreign", "indicator-not-applicable", "“服务态度”不是网上办事的评价指标" },
        { "long", "comment-too-long", "评价内容不能超过 500 字" },
        { "bad-silent", "comment-required", "差评请写明不满意的具体原因" },
        { "no-task", "task-not-found", "本办件没有这个子件" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Bad_input_is_refused_with_a_Chinese_message(string variant, string code, string message)
    {
        var c = Completed(Calendar);
        var scores = Scores(RatingChannel.Online, RatingLevel.Satisfied).ToDictionary();
        var level = RatingLevel.Satisfied;
        string? comment = "好";
        long? task = null;
        switch (variant)
        {
            case "missing": scores.Remove(RatingIndicator.PlatformUsability); break;
            case "foreign": scores[RatingIndicator.Attitude] = RatingLevel.Satisfied; break;
            case "long": comment = new string('慢', 501); break;
            case "bad-silent": level = RatingLevel.Dissatisfied; comment = "  "; break;
            case "no-task": task = 99; break;
        }
        var broken = Assert.Throws<CaseRuleException>(() => Rating.Submit(c, task, level, scores, comment, [], Lead, Applicant, Thursday));
        Assert.Equal(code, broken.Code);
        Assert.Equal(RuleKind.Invalid, broken.Kind);
        Assert.Contains(message, broken.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(c.NewEvents, e => e.Kind == CaseEventKind.Rated);
    }
}
