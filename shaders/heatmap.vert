// Heat map of a grid of values: the vertex stage. Dear ImGui's vertex layout
// (position, uv, colour) and its projection, so a heat map is an ImGui image
// drawn with our program. The #version line is added per platform.
layout(location = 0) in vec2 a_position;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_colour;

uniform mat4 u_projection;

out vec2 v_uv;

void main() {
    v_uv = a_uv;
    gl_Position = u_projection * vec4(a_position, 0.0, 1.0);
}
