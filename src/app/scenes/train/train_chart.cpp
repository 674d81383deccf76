// The trained-networks scene's line charts: held-out accuracy per epoch, and
// accuracy along a shift, one line a network, with a legend under the axis.
#include <algorithm>
#include <cfloat>
#include <cstdio>

#include "app/scenes/train/train_parts.h"
#include "app/widgets/theme.h"

namespace train_parts {

void draw_chart(ImDrawList* dl, const Fonts& f, float ratio, ImVec2 pos, ImVec2 size, const std::vector<Series>& series, const char* title,
                const char* x_label, int x0, double lo, double hi) {
    const float th = f.small->FontSize * 1.3f;
    dl->AddText(f.body, f.body->FontSize, pos, theme::kInk, title);
    const ImVec2 p0(pos.x + 40 * ratio, pos.y + f.body->FontSize * 1.4f);
    const ImVec2 p1(pos.x + size.x - 8 * ratio, pos.y + size.y - th * 2);
    if (p1.x - p0.x < 20 * ratio || p1.y - p0.y < 20 * ratio) return;
    dl->AddRectFilled(p0, p1, IM_COL32(255, 255, 255, 255));
    dl->AddRect(p0, p1, IM_COL32(200, 200, 195, 255));
    for (int k = 0; k <= 4; ++k) {
        const double v = lo + (hi - lo) * k / 4.0;
        const float y = p1.y - static_cast<float>((v - lo) / (hi - lo)) * (p1.y - p0.y);
        dl->AddLine(ImVec2(p0.x, y), ImVec2(p1.x, y), IM_COL32(230, 230, 225, 255));
        char b[16];
        std::snprintf(b, sizeof b, "%.0f%%", 100 * v);
        const ImVec2 ts = f.small->CalcTextSizeA(f.small->FontSize, FLT_MAX, 0, b);
        dl->AddText(f.small, f.small->FontSize, ImVec2(p0.x - ts.x - 4 * ratio, y - ts.y * 0.5f), theme::kMuted, b);
    }
    size_t n = 0;
    for (const Series& s : series) n = std::max(n, s.values.size());
    const float step = n > 1 ? (p1.x - p0.x) / static_cast<float>(n - 1) : 0;
    for (size_t k = 0; k < n; ++k) {
        if (n > 12 && k % 2) continue;
        char b[16];
        std::snprintf(b, sizeof b, "%d", x0 + static_cast<int>(k));
        const float x = n > 1 ? p0.x + step * static_cast<float>(k) : (p0.x + p1.x) * 0.5f;
        dl->AddText(f.small, f.small->FontSize, ImVec2(x - f.small->FontSize * 0.25f, p1.y + 2 * ratio), theme::kMuted, b);
    }
    dl->AddText(f.small, f.small->FontSize, ImVec2(p0.x, p1.y + th), theme::kMuted, x_label);
    float legend_x = p0.x + f.small->CalcTextSizeA(f.small->FontSize, FLT_MAX, 0, x_label).x + 16 * ratio;
    for (const Series& s : series) {
        std::vector<ImVec2> pts;
        for (size_t k = 0; k < s.values.size(); ++k) {
            if (s.values[k] < 0) continue;
            const float x = n > 1 ? p0.x + step * static_cast<float>(k) : (p0.x + p1.x) * 0.5f;
            const float y = p1.y - static_cast<float>((std::clamp(s.values[k], lo, hi) - lo) / (hi - lo)) * (p1.y - p0.y);
            pts.emplace_back(x, y);
        }
        if (pts.size() > 1) dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), s.colour, 0, 2 * ratio);
        for (const ImVec2& p : pts) dl->AddCircleFilled(p, 2.5f * ratio, s.colour);
        const ImVec2 ts = f.small->CalcTextSizeA(f.small->FontSize, FLT_MAX, 0, s.name.c_str());
        if (legend_x + ts.x + 14 * ratio < pos.x + size.x) {
            dl->AddRectFilled(ImVec2(legend_x, p1.y + th + ts.y * 0.3f), ImVec2(legend_x + 8 * ratio, p1.y + th + ts.y * 0.8f), s.colour);
            dl->AddText(f.small, f.small->FontSize, ImVec2(legend_x + 11 * ratio, p1.y + th), theme::kInk, s.name.c_str());
            legend_x += ts.x + 22 * ratio;
        }
    }
}

}  // namespace train_parts
