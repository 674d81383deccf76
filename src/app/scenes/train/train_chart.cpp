// The trained-networks scene's line charts: the training curves (loss, and
// accuracy on the training batches and held out) and accuracy along a shift,
// one colour a network, with a legend under the axis.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "app/scenes/train/train_parts.h"
#include "app/widgets/theme.h"

namespace train_parts {

void draw_chart(ImDrawList* dl, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size, const std::vector<Series>& series, const ChartAxes& axes) {
    const float th = f.small->FontSize * 1.3f;
    dl->AddText(f.body, f.body->FontSize, pos, theme::kInk, axes.title);
    const ImVec2 p0(pos.x + 40 * ratio, pos.y + f.body->FontSize * 1.4f);
    const ImVec2 p1(pos.x + size.x - 8 * ratio, pos.y + size.y - th * 2);
    if (p1.x - p0.x < 20 * ratio || p1.y - p0.y < 20 * ratio) return;
    const double lo = axes.lo, hi = axes.hi > axes.lo ? axes.hi : axes.lo + 1;
    dl->AddRectFilled(p0, p1, IM_COL32(255, 255, 255, 255));
    dl->AddRect(p0, p1, IM_COL32(200, 200, 195, 255));
    for (int k = 0; k <= 4; ++k) {
        const double v = lo + (hi - lo) * k / 4.0;
        const float y = p1.y - static_cast<float>((v - lo) / (hi - lo)) * (p1.y - p0.y);
        dl->AddLine(ImVec2(p0.x, y), ImVec2(p1.x, y), IM_COL32(230, 230, 225, 255));
        char b[16];
        if (axes.percent) std::snprintf(b, sizeof b, "%.0f%%", 100 * v);
        else std::snprintf(b, sizeof b, hi - lo < 0.1 ? "%.3f" : hi - lo < 2 ? "%.2f" : "%.1f", v);
        const ImVec2 ts = f.small->CalcTextSizeA(f.small->FontSize, FLT_MAX, 0, b);
        dl->AddText(f.small, f.small->FontSize, ImVec2(p0.x - ts.x - 4 * ratio, y - ts.y * 0.5f), theme::kMuted, b);
    }
    // The x range: the axes' own, or the longest series by index.
    double x0 = axes.x0, x1 = axes.x1;
    if (x1 <= x0) {
        size_t n = 0;
        for (const Series& s : series) n = std::max(n, s.values.size());
        x1 = x0 + std::max<double>(1, static_cast<double>(n) - 1);
    }
    auto x_at = [&](double x) { return p0.x + static_cast<float>((x - x0) / (x1 - x0)) * (p1.x - p0.x); };
    // Whole-number ticks, every other one where they would crowd.
    const int first = static_cast<int>(std::ceil(x0)), last = static_cast<int>(std::floor(x1));
    const int every = last - first > 12 ? (last - first + 11) / 12 : 1;
    for (int k = first; k <= last; k += every) {
        char b[16];
        std::snprintf(b, sizeof b, "%d", k);
        const float x = x_at(k);
        if (k > first && k < last) dl->AddLine(ImVec2(x, p0.y), ImVec2(x, p1.y), IM_COL32(240, 240, 236, 255));
        const float w = f.small->CalcTextSizeA(f.small->FontSize, FLT_MAX, 0, b).x;
        dl->AddText(f.small, f.small->FontSize, ImVec2(x - w * 0.5f, p1.y + 2 * ratio), theme::kMuted, b);
    }
    dl->AddText(f.small, f.small->FontSize, ImVec2(p0.x, p1.y + th), theme::kMuted, axes.x_label);
    float legend_x = p0.x + f.small->CalcTextSizeA(f.small->FontSize, FLT_MAX, 0, axes.x_label).x + 16 * ratio;
    dl->PushClipRect(p0, p1, true);
    for (const Series& s : series) {
        std::vector<ImVec2> pts;
        for (size_t k = 0; k < s.values.size(); ++k) {
            if (s.values[k] < 0 || !std::isfinite(s.values[k])) continue;
            const double x = k < s.x.size() ? s.x[k] : x0 + static_cast<double>(k);
            const float y = p1.y - static_cast<float>((std::clamp(s.values[k], lo, hi) - lo) / (hi - lo)) * (p1.y - p0.y);
            pts.emplace_back(x1 > x0 ? x_at(x) : (p0.x + p1.x) * 0.5f, y);
        }
        const ImU32 colour = s.faint ? ((s.colour & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 110)) : s.colour;
        if (pts.size() > 1) dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), colour, 0, (s.faint ? 1.5f : 2.0f) * ratio);
        if (!s.faint && pts.size() <= 40) {  // a dot per epoch, not per live point
            for (const ImVec2& p : pts) dl->AddCircleFilled(p, 2.5f * ratio, colour);
        }
    }
    dl->PopClipRect();
    for (const Series& s : series) {
        if (s.faint) continue;
        const ImVec2 ts = f.small->CalcTextSizeA(f.small->FontSize, FLT_MAX, 0, s.name.c_str());
        if (legend_x + ts.x + 14 * ratio < pos.x + size.x) {
            dl->AddRectFilled(ImVec2(legend_x, p1.y + th + ts.y * 0.3f), ImVec2(legend_x + 8 * ratio, p1.y + th + ts.y * 0.8f), s.colour);
            dl->AddText(f.small, f.small->FontSize, ImVec2(legend_x + 11 * ratio, p1.y + th), theme::kInk, s.name.c_str());
            legend_x += ts.x + 22 * ratio;
        }
    }
}

}  // namespace train_parts
