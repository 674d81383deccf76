#include "app/widgets/theme.h"

#include <string>
#include <vector>

#include <cmath>

extern const unsigned char asset_font_ui[];
extern const std::size_t asset_font_ui_size;

namespace {

// What the app writes: Latin-1 (names, numbers, prose) and a few symbols
// (– … ← → ↑ ↓ − ≈ ≤ ≥ ▲ ▶ ◀). The large and cell fonts write headlines and
// numbers only, so they skip the accented letters: a smaller atlas to build
// and upload before the first frame.
const ImWchar kFullRanges[] = {0x0020, 0x00FF, 0x2013, 0x2026, 0x2190, 0x2195, 0x2212, 0x2212,
                               0x2248, 0x2248, 0x2264, 0x2265, 0x25B2, 0x25C0, 0};
const ImWchar kCompactRanges[] = {0x0020, 0x007E, 0x00B0, 0x00B7, 0x00D7, 0x00D7, 0x2013, 0x2026, 0x2190, 0x2195,
                                  0x2212, 0x2212, 0x2248, 0x2248, 0x2264, 0x2265, 0x25B2, 0x25C0, 0};

ImFont* add_font(float pixels, const ImWchar* ranges) {
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // the font lives in the binary
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(asset_font_ui),
                                                      static_cast<int>(asset_font_ui_size), std::round(pixels), &cfg, ranges);
}

}  // namespace

Fonts theme_apply(float ratio) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    Fonts f;
    f.body = add_font(16.0f * ratio, kFullRanges);
    f.large = add_font(22.0f * ratio, kCompactRanges);
    f.cell = add_font(20.0f * ratio, kCompactRanges);
    f.small = add_font(12.0f * ratio, kFullRanges);
    io.FontDefault = f.body;
    io.Fonts->Build();

    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(14, 12);
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(8, 7);
    style.ItemInnerSpacing = ImVec2(6, 5);
    style.ScrollbarSize = 14;
    style.GrabMinSize = 12;
    style.WindowRounding = 0;
    style.ChildRounding = 6;
    style.FrameRounding = 5;
    style.PopupRounding = 6;
    style.GrabRounding = 4;
    style.WindowBorderSize = 0;
    style.FrameBorderSize = 1;
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.98f, 0.98f, 0.97f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(0.95f, 0.95f, 0.93f, 1.0f);
    c[ImGuiCol_Text] = ImVec4(0.13f, 0.13f, 0.13f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.88f, 0.86f, 0.93f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.78f, 0.74f, 0.90f, 1.0f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.66f, 0.60f, 0.86f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.93f, 0.91f, 0.98f, 1.0f);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.88f, 0.85f, 0.97f, 1.0f);
    c[ImGuiCol_SliderGrab] = ImVec4(0.37f, 0.21f, 0.69f, 1.0f);
    c[ImGuiCol_SliderGrabActive] = ImVec4(0.30f, 0.15f, 0.60f, 1.0f);
    c[ImGuiCol_CheckMark] = ImVec4(0.37f, 0.21f, 0.69f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.88f, 0.86f, 0.93f, 1.0f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.78f, 0.74f, 0.90f, 1.0f);
    c[ImGuiCol_Separator] = ImVec4(0.80f, 0.80f, 0.78f, 1.0f);
    c[ImGuiCol_Border] = ImVec4(0.75f, 0.75f, 0.72f, 1.0f);
    c[ImGuiCol_PopupBg] = ImVec4(1.0f, 1.0f, 1.0f, 0.98f);
    style.ScaleAllSizes(ratio);
    ImGui::GetStyle() = style;
    return f;
}

namespace theme {

ImU32 rgb(pl::Rgb c, float alpha) {
    return IM_COL32(static_cast<int>(c.r * 255.0f + 0.5f), static_cast<int>(c.g * 255.0f + 0.5f),
                    static_cast<int>(c.b * 255.0f + 0.5f), static_cast<int>(alpha * 255.0f + 0.5f));
}

ImU32 region_colour(int out_row, int out_col, float alpha) {
    static const pl::Rgb kRegions[4] = {
        {0.984f, 0.690f, 0.392f},  // orange
        {0.592f, 0.827f, 0.533f},  // green
        {0.557f, 0.757f, 0.949f},  // blue
        {1.000f, 0.878f, 0.420f},  // yellow
    };
    return rgb(kRegions[(out_row % 2) * 2 + (out_col % 2)], alpha);
}

namespace {
std::vector<std::string> g_sections;  // headings drawn since the last clear
}  // namespace

const std::vector<std::string>& sections_drawn() { return g_sections; }
void clear_sections_drawn() { g_sections.clear(); }

void section(const char* title) {
    g_sections.emplace_back(title);
    ImGui::Spacing();
    ImGui::TextDisabled("%s", title);
    ImGui::Separator();
}

ImU32 text_on(pl::Rgb background) { return pl::relative_luminance(background) > 0.30f ? kInk : IM_COL32_WHITE; }

}  // namespace theme
