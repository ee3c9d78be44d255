// ECharts for the dashboards: render(el, option) draws (or redraws) one chart in an element. ECharts itself
// (lib/echarts/echarts.min.js, Apache-2.0) is loaded once, on first use, so that pages without charts never load it.
let loading;

function load() {
    if (window.echarts) {
        return Promise.resolve(window.echarts);
    }
    loading ??= new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = 'lib/echarts/echarts.min.js';
        script.onload = () => resolve(window.echarts);
        script.onerror = () => reject(new Error('ECharts could not be loaded'));
        document.head.appendChild(script);
    });
    return loading;
}

export async function render(el, option) {
    if (!el) {
        return;
    }
    const echarts = await load();
    const chart = echarts.getInstanceByDom(el) ?? echarts.init(el, null, { locale: 'ZH' });
    chart.setOption(option, true);
    if (!el.dataset.resizeHooked) {
        el.dataset.resizeHooked = 'true';
        window.addEventListener('resize', () => chart.resize());
    }
    el.dataset.rendered = 'true';
}
