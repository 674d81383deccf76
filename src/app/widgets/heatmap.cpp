#include "app/widgets/heatmap.h"

#include <cstddef>

#include "app/widgets/shader.h"
#include "core/colormap.h"
#include "platform/gl.h"

extern const unsigned char asset_shader_heatmap_vert[];
extern const unsigned char asset_shader_heatmap_frag[];

namespace {

// The shader's colour table: 11 evenly spaced samples of a colour map.
constexpr int kLutSize = 11;
static_assert(kLutSize == pl::kViridisSamples, "viridis is sampled exactly");

const pl::Rgb* lut(pl::Colormap map) {
    static pl::Rgb diverging[kLutSize], gray[kLutSize];
    static bool made = false;
    if (!made) {
        for (int i = 0; i < kLutSize; ++i) {
            const float t = static_cast<float>(i) / (kLutSize - 1);
            diverging[i] = pl::diverging(t);
            gray[i] = pl::colormap(pl::Colormap::Gray, t);
        }
        made = true;
    }
    if (map == pl::Colormap::Gray) return gray;
    return map == pl::Colormap::Viridis ? pl::viridis_samples() : diverging;
}

GLuint g_program = 0;
std::string g_error;
unsigned g_generation = 1;  // counts GL contexts: a texture of an older one is gone
GLint g_loc_projection, g_loc_values, g_loc_grid, g_loc_range, g_loc_filled, g_loc_border, g_loc_empty,
    g_loc_border_colour, g_loc_lut, g_loc_overlay;

// Runs inside ImGui's renderer, just before the heat map's quad: switch to our
// program and point its attributes at ImGui's vertex buffer.
void begin_heatmap(const ImDrawList*, const ImDrawCmd* cmd) {
    const auto* u = static_cast<const Heatmap::Uniforms*>(cmd->UserCallbackData);
    const ImDrawData* dd = ImGui::GetDrawData();
    const float l = dd->DisplayPos.x, r = dd->DisplayPos.x + dd->DisplaySize.x;
    const float t = dd->DisplayPos.y, b = dd->DisplayPos.y + dd->DisplaySize.y;
    const float projection[16] = {2.0f / (r - l), 0, 0, 0, 0, 2.0f / (t - b), 0, 0, 0, 0, -1, 0,
                                  (r + l) / (l - r), (t + b) / (b - t), 0, 1};
    glUseProgram(g_program);
    glUniformMatrix4fv(g_loc_projection, 1, GL_FALSE, projection);
    glUniform1i(g_loc_values, 0);
    glUniform2f(g_loc_grid, u->cols, u->rows);
    glUniform2f(g_loc_range, u->lo, u->hi);
    glUniform1f(g_loc_filled, u->filled);
    glUniform1f(g_loc_border, u->border);
    glUniform3f(g_loc_empty, 232 / 255.0f, 232 / 255.0f, 228 / 255.0f);
    glUniform3f(g_loc_border_colour, 0.95f, 0.95f, 0.93f);
    glUniform3fv(g_loc_lut, kLutSize, &lut(u->map)[0].r);
    glUniform1f(g_loc_overlay, u->overlay);
    const GLsizei stride = sizeof(ImDrawVert);
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, col)));
}

}  // namespace

static_assert(sizeof(pl::Rgb) == 3 * sizeof(float), "Rgb must pack as vec3 for glUniform3fv");

bool heatmap_init() {
    g_error.clear();
    g_program = shader_program("heatmap.vert", reinterpret_cast<const char*>(asset_shader_heatmap_vert), "heatmap.frag",
                               reinterpret_cast<const char*>(asset_shader_heatmap_frag), &g_error);
    if (!g_program) return false;
    g_loc_projection = glGetUniformLocation(g_program, "u_projection");
    g_loc_values = glGetUniformLocation(g_program, "u_values");
    g_loc_grid = glGetUniformLocation(g_program, "u_grid");
    g_loc_range = glGetUniformLocation(g_program, "u_range");
    g_loc_filled = glGetUniformLocation(g_program, "u_filled");
    g_loc_border = glGetUniformLocation(g_program, "u_border");
    g_loc_empty = glGetUniformLocation(g_program, "u_empty");
    g_loc_border_colour = glGetUniformLocation(g_program, "u_border_colour");
    g_loc_lut = glGetUniformLocation(g_program, "u_lut");
    g_loc_overlay = glGetUniformLocation(g_program, "u_overlay");
    return true;
}

void heatmap_shutdown() {
    if (g_program) glDeleteProgram(g_program);
    g_program = 0;
}

bool heatmap_ready() { return g_program != 0; }

void heatmap_context_lost() {
    g_program = 0;
    g_error.clear();
    ++g_generation;
}
const std::string& heatmap_error() { return g_error; }

void Heatmap::release() {
    if (texture_ && generation_ == g_generation) {
        GLuint t = texture_;
        glDeleteTextures(1, &t);
    }
    texture_ = 0;
    uploaded_ = pl::Grid();
}

void Heatmap::draw(ImDrawList* dl, const pl::Grid& values, ImVec2 p0, ImVec2 p1, float lo, float hi, int filled,
                   float border_px, pl::Colormap map, float overlay) {
    if (!g_program || values.empty()) return;
    if (generation_ != g_generation) {  // made in a lost context: make it again
        texture_ = 0;
        generation_ = g_generation;
    }
    if (!texture_ || !(values == uploaded_)) {
        GLint previous = 0;
        glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
        GLuint t = texture_;
        if (!t) {
            glGenTextures(1, &t);
            texture_ = t;
        }
        glBindTexture(GL_TEXTURE_2D, t);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, values.cols, values.rows, 0, GL_RED, GL_FLOAT, values.values.data());
        glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(previous));
        uploaded_ = values;
    }
    uniforms_ = {static_cast<float>(values.cols), static_cast<float>(values.rows), lo, hi, static_cast<float>(filled), border_px, map, overlay};
    dl->AddCallback(begin_heatmap, &uniforms_);
    dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(texture_)), p0, p1);
    dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

Heatmap& HeatmapSlots::next() {
    if (next_ == slots_.size()) slots_.push_back(std::make_unique<Heatmap>());
    return *slots_[next_++];
}

void HeatmapSlots::release() {
    for (auto& h : slots_) h->release();
    slots_.clear();
}
