#include "app/widgets/layout_check.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

namespace {

// A glyph as the atlas holds it: which character, its texture corners, its font size.
struct AtlasGlyph {
    unsigned codepoint = 0;
    float u0 = 0, v0 = 0, u1 = 0, v1 = 0, size = 0;
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // the quad's corners from the pen and the line top
    float advance = 0;                     // the pen's step
};

// A glyph as drawn.
struct Drawn {
    AtlasGlyph g;
    ImVec2 p0, p1;  // on screen
    bool cut_x = false, cut_y = false;  // cut at its left or right, its top or bottom
    int run = 0;
};

struct Run {
    std::string text;
    bool cut_x = false, cut_y = false;
    bool scrolls_x = false, scrolls_y = false, popup = false;  // its window's
};

using UvKey = std::pair<float, float>;

// Every corner of every glyph in the atlas: a glyph that ImGui clipped on the
// CPU keeps at least one of its corners, so it is still found.
struct GlyphIndex {
    std::map<UvKey, const AtlasGlyph*> by_corner[4];
    std::vector<AtlasGlyph> all;

    GlyphIndex() {
        const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
        size_t n = 0;
        for (const ImFont* f : atlas->Fonts) n += static_cast<size_t>(f->Glyphs.Size);
        all.reserve(n);
        for (const ImFont* f : atlas->Fonts) {
            for (const ImFontGlyph& g : f->Glyphs) {
                if (!g.Visible) continue;
                all.push_back({g.Codepoint, g.U0, g.V0, g.U1, g.V1, f->FontSize, g.X0, g.Y0, g.X1, g.Y1, g.AdvanceX});
            }
        }
        for (const AtlasGlyph& g : all) {
            by_corner[0][{g.u0, g.v0}] = &g;
            by_corner[1][{g.u1, g.v1}] = &g;
            by_corner[2][{g.u0, g.v1}] = &g;
            by_corner[3][{g.u1, g.v0}] = &g;
        }
    }

    // The atlas glyph a quad with these texture corners shows, or null.
    const AtlasGlyph* find(ImVec2 t0, ImVec2 t1, bool* cpu_clipped) const {
        const UvKey keys[4] = {{t0.x, t0.y}, {t1.x, t1.y}, {t0.x, t1.y}, {t1.x, t0.y}};
        for (int c = 0; c < 4; ++c) {
            auto it = by_corner[c].find(keys[c]);
            if (it == by_corner[c].end()) continue;
            const AtlasGlyph* g = it->second;
            *cpu_clipped = g->u0 != t0.x || g->v0 != t0.y || g->u1 != t1.x || g->v1 != t1.y;
            return g;
        }
        return nullptr;
    }
};

void append_utf8(std::string& s, unsigned c) {
    if (c < 0x80) {
        s += static_cast<char>(c);
    } else if (c < 0x800) {
        s += static_cast<char>(0xC0 | (c >> 6));
        s += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        s += static_cast<char>(0xE0 | (c >> 12));
        s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (c & 0x3F));
    }
}

bool outside_x(ImVec2 p0, ImVec2 p1, const ImVec4& clip) { return p0.x < clip.x - 0.5f || p1.x > clip.z + 0.5f; }
bool outside_y(ImVec2 p0, ImVec2 p1, const ImVec4& clip) { return p0.y < clip.y - 0.5f || p1.y > clip.w + 0.5f; }

// Whether the window that owns a draw list scrolls (across, down), or floats over the rest.
Run owner_kind(const ImDrawList* list) {
    Run kind;
    if (!list->_OwnerName) return kind;
    const ImGuiWindow* w = ImGui::FindWindowByName(list->_OwnerName);
    if (!w) return kind;
    kind.scrolls_x = w->ScrollMax.x > 0.0f;
    kind.scrolls_y = w->ScrollMax.y > 0.0f;
    kind.popup = (w->Flags & (ImGuiWindowFlags_Popup | ImGuiWindowFlags_Tooltip)) != 0;
    return kind;
}

// The glyph quads of one draw command (ImFont::RenderText's index pattern).
void read_command(const ImDrawList* list, const ImDrawCmd& cmd, const GlyphIndex& index, const ImVec4& screen,
                  std::vector<Drawn>& out, std::vector<Run>& runs, const Run& kind) {
    const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
    const ImDrawVert* vtx = list->VtxBuffer.Data + cmd.VtxOffset;
    const ImVec4 clip(std::max(cmd.ClipRect.x, screen.x), std::max(cmd.ClipRect.y, screen.y),
                      std::min(cmd.ClipRect.z, screen.z), std::min(cmd.ClipRect.w, screen.w));
    int last_i = -1;  // an index: `out` may grow
    for (unsigned i = 0; i + 6 <= cmd.ElemCount; i += 3) {
        const ImDrawIdx b = idx[i];
        if (idx[i + 1] != b + 1 || idx[i + 2] != b + 2 || idx[i + 3] != b || idx[i + 4] != b + 2 || idx[i + 5] != b + 3) continue;
        const ImDrawVert& a = vtx[b];
        const ImDrawVert& c = vtx[b + 2];
        bool cpu_clipped = false;
        const AtlasGlyph* g = index.find(a.uv, c.uv, &cpu_clipped);
        if (!g) continue;
        // Clipped on the CPU by less than a pixel (a glyph's edge a hair outside
        // its box) shows nothing missing.
        const float scale = (c.pos.y - a.pos.y) > 0 && !cpu_clipped ? (c.pos.y - a.pos.y) / (g->y1 - g->y0) : 1.0f;
        const bool cpu_x = cpu_clipped && (g->x1 - g->x0) - (c.pos.x - a.pos.x) > 0.75f;
        const bool cpu_y = cpu_clipped && (g->y1 - g->y0) - (c.pos.y - a.pos.y) > 0.75f;
        Drawn d{*g, a.pos, c.pos, cpu_x || outside_x(a.pos, c.pos, clip), cpu_y || outside_y(a.pos, c.pos, clip), 0};
        for (float* v : {&d.g.size, &d.g.x0, &d.g.y0, &d.g.x1, &d.g.y1, &d.g.advance}) *v *= scale;
        const Drawn* last = last_i >= 0 ? &out[static_cast<size_t>(last_i)] : nullptr;
        // Where the pen and the line top were: quads of one line differ in their own offsets.
        const float pen = d.p0.x - d.g.x0, top = d.p0.y - d.g.y0;
        const float last_end = last ? last->p0.x - last->g.x0 + last->g.advance : 0.0f;
        const bool same_run = last && std::fabs(last->g.size - d.g.size) < 0.5f && std::fabs(last->p0.y - last->g.y0 - top) < 1.0f &&
                              pen >= last_end - 1.0f && pen - last_end < d.g.size * 1.2f;
        if (!same_run) runs.push_back(kind);
        Run& r = runs.back();
        if (same_run && pen - last_end > d.g.size * 0.15f) r.text += ' ';
        append_utf8(r.text, g->codepoint);
        r.cut_x = r.cut_x || d.cut_x;
        r.cut_y = r.cut_y || d.cut_y;
        d.run = static_cast<int>(runs.size()) - 1;
        out.push_back(d);
        last_i = static_cast<int>(out.size()) - 1;
        i += 3;  // the quad's second triangle
    }
}

// Pairs of runs whose glyphs cover each other (a glyph drawn twice a pixel or
// two apart, as a halo, is not an overlap).
std::set<std::pair<int, int>> overlapping_runs(const std::vector<Drawn>& glyphs, const std::vector<Run>& runs) {
    std::set<std::pair<int, int>> pairs;
    const float cell = 32.0f;
    std::unordered_map<long long, std::vector<int>> grid;
    auto key = [](int x, int y) { return (static_cast<long long>(x) << 32) ^ static_cast<unsigned>(y); };
    for (int i = 0; i < static_cast<int>(glyphs.size()); ++i) {
        const Drawn& d = glyphs[i];
        if (runs[d.run].popup) continue;
        const float sx = (d.p1.x - d.p0.x) * 0.2f, sy = (d.p1.y - d.p0.y) * 0.2f;
        const ImVec2 q0(d.p0.x + sx, d.p0.y + sy), q1(d.p1.x - sx, d.p1.y - sy);
        for (int gx = static_cast<int>(std::floor(q0.x / cell)); gx <= static_cast<int>(std::floor(q1.x / cell)); ++gx) {
            for (int gy = static_cast<int>(std::floor(q0.y / cell)); gy <= static_cast<int>(std::floor(q1.y / cell)); ++gy) {
                std::vector<int>& bucket = grid[key(gx, gy)];
                for (int j : bucket) {
                    const Drawn& e = glyphs[j];
                    if (e.run == d.run) continue;
                    const float ex = (e.p1.x - e.p0.x) * 0.2f, ey = (e.p1.y - e.p0.y) * 0.2f;
                    if (q1.x <= e.p0.x + ex || e.p1.x - ex <= q0.x || q1.y <= e.p0.y + ey || e.p1.y - ey <= q0.y) continue;
                    if (e.g.codepoint == d.g.codepoint && std::fabs(e.p0.x - d.p0.x) <= 2.5f && std::fabs(e.p0.y - d.p0.y) <= 2.5f) continue;
                    pairs.insert({std::min(e.run, d.run), std::max(e.run, d.run)});
                }
                bucket.push_back(i);
            }
        }
    }
    return pairs;
}

}  // namespace

LayoutReport check_layout(const ImDrawData* dd) {
    LayoutReport report;
    if (!dd || !dd->Valid) return report;
    const GlyphIndex index;
    const ImVec4 screen(dd->DisplayPos.x, dd->DisplayPos.y, dd->DisplayPos.x + dd->DisplaySize.x, dd->DisplayPos.y + dd->DisplaySize.y);
    std::vector<Drawn> glyphs;
    std::vector<Run> runs;
    glyphs.reserve(4096);
    for (int n = 0; n < dd->CmdListsCount; ++n) {
        const ImDrawList* list = dd->CmdLists[n];
        const Run kind = owner_kind(list);
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) continue;
            read_command(list, cmd, index, screen, glyphs, runs, kind);
        }
    }
    report.glyphs = static_cast<int>(glyphs.size());
    for (const Drawn& d : glyphs) {
        if (report.smallest_text == 0.0f || d.g.size < report.smallest_text) report.smallest_text = d.g.size;
    }
    for (const Run& r : runs) {
        // ImGui shortens a label that does not fit (tabs, buttons) with an ellipsis.
        const bool shortened = r.text.size() >= 3 && r.text.compare(r.text.size() - 3, 3, "\u2026") == 0;
        const bool lost = shortened || (r.cut_x && !r.scrolls_x) || (r.cut_y && !r.scrolls_y);
        if (lost) report.clipped.push_back(r.text);
        else if (r.cut_x || r.cut_y) report.scrolled.push_back(r.text);
    }
    for (auto [a, b] : overlapping_runs(glyphs, runs)) report.overlaps.push_back(runs[a].text + " / " + runs[b].text);
    return report;
}
