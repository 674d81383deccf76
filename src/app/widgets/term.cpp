#include "app/widgets/term.h"

#include <algorithm>
#include <string>

#include "app/widgets/theme.h"
#include "core/glossary.h"

namespace term {

namespace {

std::vector<Offered> g_offered;
std::string g_showing;

void note(const char* id, ImVec2 min, ImVec2 max) {
    for (const Offered& o : g_offered) {
        if (o.id == id) return;
    }
    g_offered.push_back({id, ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f)});
}

void show(const char* id, const std::string& live) {
    const pl::Term* t = pl::find_term(id);
    if (!t) return;
    g_showing = id;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
    ImGui::TextUnformatted(t->name);
    ImGui::Separator();
    ImGui::TextUnformatted(t->definition);
    if (!live.empty()) {
        ImGui::Spacing();
        ImGui::TextDisabled("%s", live.c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void underline(ImVec2 a, ImVec2 b);

}  // namespace

void tip(const char* id, const std::string& live) {
    note(id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    // Hovered, or focused from the keyboard (the nav highlight is on it).
    const bool focused = ImGui::IsItemFocused() && ImGui::GetIO().NavVisible;
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) || focused) show(id, live);
}

namespace {

// A dotted underline under [a, b): this word has a definition.
void underline(ImVec2 a, ImVec2 b) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float step = std::max(2.0f, ImGui::GetFontSize() * 0.18f);
    for (float x = a.x; x + step * 0.5f < b.x; x += step * 2) dl->AddLine(ImVec2(x, b.y), ImVec2(x + step, b.y), theme::kMuted);
}

}  // namespace

void text(const char* label, const char* id, const std::string& live) {
    ImGui::TextUnformatted(label);
    underline(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    tip(id, live);
}

void headers_row(std::initializer_list<std::pair<const char*, const char*>> terms) {
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < ImGui::TableGetColumnCount(); ++c) {
        if (!ImGui::TableSetColumnIndex(c)) continue;
        const char* name = ImGui::TableGetColumnName(c);
        ImGui::TableHeader(name);
        for (const auto& [header, id] : terms) {
            if (std::string(header) == name) tip(id);
        }
    }
}

void zone(ImVec2 min, ImVec2 max, const char* id, const std::string& live) {
    note(id, min, max);
    underline(min, max);
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) && ImGui::IsMouseHoveringRect(min, max)) show(id, live);
}

const std::vector<Offered>& offered() { return g_offered; }
const std::string& showing() { return g_showing; }
void clear_offered() {
    g_offered.clear();
    g_showing.clear();
}

}  // namespace term
